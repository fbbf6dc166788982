#!/usr/bin/env python3
"""Validate META.json against the PGXN Meta Spec 1.0.0, and the release
version against its one source, the control file's default_version.

    validate_meta.py [SOURCE_DIR]

The spec's JSON Schema is not at hand offline, so its rules are written out
here: the required keys and their formats, the optional keys and their
shapes, no unknown keys but x_/X_ ones.  Then the versions must agree: the
distribution's and every provided extension's version are the control
file's default_version as a semantic version (PGXN normalises 0.1 to 0.1.0,
so does this check), and debian/changelog's upstream version is the
control file's default_version as written.  Prints one line per problem
and exits 1 when there is any, else prints a summary and exits 0.
"""
import json
import os
import re
import sys

LICENSES = {
    "agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd",
    "freebsd", "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1",
    "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5",
    "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
    "restricted", "unrestricted", "unknown",
}
PHASES = {"configure", "build", "test", "runtime", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}
STATUSES = {"stable", "testing", "unstable"}
TOP_REQUIRED = {"abstract", "license", "maintainer", "meta-spec", "name", "provides", "version"}
TOP_OPTIONAL = {"description", "generated_by", "no_index", "prereqs", "release_status",
                "resources", "tags"}

# Semantic Versioning 1.0.0 as the spec cites it (a prerelease is appended
# directly, as in 1.0.0beta1); 2.0.0's dash form is accepted too.
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
                    r"(-?[A-Za-z][0-9A-Za-z-]*)?$")
RANGE_PART = re.compile(r"^(==|!=|>=|<=|>|<)?\s*(\S+)$")
NAME = re.compile(r"^[^\s/\\\x00-\x1f\x7f]{2,}$")

problems = []


def bad(path, msg):
    problems.append("%s: %s" % (path, msg))


def is_str(v):
    return isinstance(v, str) and v != ""


def check_version(path, v):
    if not isinstance(v, str) or not SEMVER.match(v):
        bad(path, "%r is not a semantic version such as 1.2.0" % (v,))


def check_range(path, v):
    if v == 0 or v == "0":
        return
    if not isinstance(v, str):
        bad(path, "%r is neither 0 nor a version range" % (v,))
        return
    for part in v.split(","):
        m = RANGE_PART.match(part.strip())
        if not m:
            bad(path, "%r is not a version range" % (v,))
            return
        check_version(path, m.group(2))


def check_url(path, v):
    if not isinstance(v, str) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", v):
        bad(path, "%r is not a URI" % (v,))


def check_strings(path, v, allow_single=True):
    items = [v] if allow_single and isinstance(v, str) else v
    if not isinstance(items, list) or not items or not all(is_str(x) for x in items):
        bad(path, "must be a non-empty string or list of non-empty strings")
        return []
    return items


def check_keys(path, obj, allowed, required=()):
    if not isinstance(obj, dict):
        bad(path, "must be an object")
        return False
    for k in required:
        if k not in obj:
            bad(path, "required key %r is missing" % k)
    for k in obj:
        if k not in allowed and k not in required and not k.lower().startswith("x_"):
            bad(path, "unknown key %r (custom keys start with x_)" % k)
    return True


def validate(meta):
    check_keys("META.json", meta, TOP_OPTIONAL, TOP_REQUIRED)

    if "name" in meta and not (isinstance(meta["name"], str) and NAME.match(meta["name"])):
        bad("name", "must be at least two characters without whitespace, slash or backslash")
    for key in ("abstract", "description", "generated_by"):
        if key in meta and not is_str(meta[key]):
            bad(key, "must be a non-empty string")
    if "version" in meta:
        check_version("version", meta["version"])
    if "maintainer" in meta:
        check_strings("maintainer", meta["maintainer"])

    lic = meta.get("license")
    if isinstance(lic, dict):
        if not lic:
            bad("license", "an object of licences must not be empty")
        for name, url in lic.items():
            check_url("license/" + name, url)
    elif lic is not None:
        for name in check_strings("license", lic):
            if name not in LICENSES:
                bad("license", "%r is not one of the spec's licence strings" % name)

    spec = meta.get("meta-spec")
    if spec is not None and check_keys("meta-spec", spec, {"url"}, {"version"}):
        if spec.get("version") != "1.0.0":
            bad("meta-spec/version", "must be \"1.0.0\", is %r" % spec.get("version"))
        if "url" in spec:
            check_url("meta-spec/url", spec["url"])

    prov = meta.get("provides")
    if prov is not None:
        if not isinstance(prov, dict) or not prov:
            bad("provides", "must be a non-empty object")
        else:
            for ext, p in prov.items():
                path = "provides/" + ext
                if not NAME.match(ext):
                    bad(path, "not a valid extension name")
                if check_keys(path, p, {"abstract", "docfile"}, {"file", "version"}):
                    if "version" in p:
                        check_version(path + "/version", p["version"])
                    for key in ("file", "docfile", "abstract"):
                        if key in p and not is_str(p[key]):
                            bad(path + "/" + key, "must be a non-empty string")

    if "prereqs" in meta and check_keys("prereqs", meta["prereqs"], PHASES):
        for phase, rels in meta["prereqs"].items():
            if phase not in PHASES:
                continue
            if check_keys("prereqs/" + phase, rels, RELATIONS):
                for rel, reqs in rels.items():
                    if rel not in RELATIONS:
                        continue
                    path = "prereqs/%s/%s" % (phase, rel)
                    if not isinstance(reqs, dict):
                        bad(path, "must be an object of name: version range")
                        continue
                    for name, rng in reqs.items():
                        check_range(path + "/" + name, rng)

    if "release_status" in meta and meta["release_status"] not in STATUSES:
        bad("release_status", "must be one of %s" % ", ".join(sorted(STATUSES)))

    if "no_index" in meta and check_keys("no_index", meta["no_index"], {"file", "directory"}):
        for key, v in meta["no_index"].items():
            if key in ("file", "directory"):
                check_strings("no_index/" + key, v)

    if "tags" in meta:
        for t in check_strings("tags", meta["tags"], allow_single=False):
            if len(t) > 255 or re.search(r"[/\\\x00-\x1f\x7f]", t):
                bad("tags", "%r: at most 255 characters, no slash, backslash or control character" % t)

    res = meta.get("resources")
    if res is not None and check_keys("resources", res, {"homepage", "bugtracker", "repository"}):
        if "homepage" in res:
            check_url("resources/homepage", res["homepage"])
        if "bugtracker" in res and check_keys("resources/bugtracker", res["bugtracker"], {"web", "mailto"}):
            if "web" in res["bugtracker"]:
                check_url("resources/bugtracker/web", res["bugtracker"]["web"])
        if "repository" in res and check_keys("resources/repository", res["repository"],
                                              {"url", "web", "type"}):
            for key in ("url", "web"):
                if key in res["repository"]:
                    check_url("resources/repository/" + key, res["repository"][key])


def semver_of(v):
    """PGXN's normalisation of a short version: 0.1 -> 0.1.0, 1 -> 1.0.0."""
    parts = v.split(".")
    while len(parts) < 3:
        parts.append("0")
    return ".".join(parts)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    try:
        with open(os.path.join(root, "META.json"), encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        print("META.json: %s" % e)
        return 1
    validate(meta)

    with open(os.path.join(root, "siko.control"), encoding="utf-8") as f:
        m = re.search(r"^default_version\s*=\s*'([^']+)'", f.read(), re.M)
    if not m:
        bad("siko.control", "no default_version")
    else:
        control = m.group(1)
        want = semver_of(control)
        if meta.get("version") != want:
            bad("version", "is %r, the control file's default_version %r makes it %r"
                % (meta.get("version"), control, want))
        for ext, p in (meta.get("provides") or {}).items():
            if isinstance(p, dict):
                if p.get("version") != want:
                    bad("provides/%s/version" % ext, "is %r, want %r" % (p.get("version"), want))
                for key in ("file", "docfile"):
                    if is_str(p.get(key)) and not os.path.isfile(os.path.join(root, p[key])):
                        bad("provides/%s/%s" % (ext, key), "%r does not exist" % p[key])
        changelog = os.path.join(root, "debian", "changelog")
        if os.path.exists(changelog):
            with open(changelog, encoding="utf-8") as f:
                first = f.readline()
            d = re.match(r"^\S+ \(([^)]+)\)", first)
            upstream = d and re.sub(r"-[^-]+$", "", d.group(1).split(":")[-1])
            if upstream != control:
                bad("debian/changelog", "upstream version %r is not the control file's %r"
                    % (upstream, control))

    for p in problems:
        print("META.json invalid: " + p)
    if problems:
        return 1
    print("META.json: valid PGXN meta-spec 1.0.0, version %s (siko.control default_version %s)"
          % (meta["version"], control))
    return 0


if __name__ == "__main__":
    sys.exit(main())
