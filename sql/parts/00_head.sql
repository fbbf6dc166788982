-- siko: cooperation networks over time, with honest dates and official keys
\echo Use "CREATE EXTENSION siko" to load this file. \quit

