-- siko: placeholder
SELECT extname, extversion FROM pg_extension WHERE extname = 'siko';
