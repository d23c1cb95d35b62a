"""Checks what points at a release against the release `dist` plans.

Usage: check-release.py Cargo.toml dist-plan.json README.md

- `cargo binstall`: for every archive in the plan (`dist plan
  --output-format=json`), the URL and the binary's path inside the archive that
  `[package.metadata.binstall]` names for its target must be the archive's own: its
  file name under the release tag, and the `dateline` binary where dist puts it (in
  a folder named after the archive for .tar.xz, at the top of a .zip).
  cargo-binstall's template keys are documented at
  https://github.com/cargo-bins/cargo-binstall/blob/main/SUPPORT.md.
- The README: every release download it gives
  (`<repository>/releases/latest/download/<file>`) is a file the plan publishes,
  from the repository in Cargo.toml.
"""

import json
import re
import sys
import tomllib

SUFFIXES = {"txz": ".tar.xz", "tgz": ".tar.gz", "zip": ".zip"}


def expand(template, values):
    for key, value in values.items():
        template = template.replace("{ " + key + " }", value)
    if "{" in template:
        raise SystemExit(f"error: unknown key left in binstall template: {template}")
    return template


def readme_downloads(readme, repository, published):
    problems = []
    links = re.findall(r"https://github\.com/[^\s\"')]*/releases/latest/download/[^\s\"')]+", readme)
    if not links:
        problems.append("the README gives no release download")
    for link in links:
        repo, name = link.split("/releases/latest/download/")
        if repo != repository:
            problems.append(f"README downloads from {repo}, releases are at {repository}")
        if name not in published:
            problems.append(f"README downloads {name}, which no release holds")
    return problems, len(links)


def main(cargo_toml, plan_json, readme_md):
    with open(cargo_toml, "rb") as f:
        package = tomllib.load(f)["package"]
    meta = package["metadata"]["binstall"]
    with open(plan_json) as f:
        plan = json.load(f)
    tag = plan["announcement_tag"]
    if tag != f"v{package['version']}":
        raise SystemExit(f"error: dist plans tag {tag}, binstall expects v{package['version']}")
    problems = []
    archives = [
        (name, artifact)
        for name, artifact in plan["artifacts"].items()
        if artifact.get("kind") == "executable-zip"
    ]
    if not archives:
        raise SystemExit("error: dist plans no archive")
    for name, artifact in archives:
        (target,) = artifact["target_triples"]
        settings = {**meta, **meta.get("overrides", {}).get(target, {})}
        values = {
            "repo": package["repository"],
            "version": package["version"],
            "name": package["name"],
            "target": target,
            "archive-suffix": SUFFIXES[settings["pkg-fmt"]],
            "archive-format": settings["pkg-fmt"],
            "bin": package["name"],
            "binary-ext": ".exe" if "windows" in target else "",
        }
        url = expand(settings["pkg-url"], values)
        want = f"{package['repository']}/releases/download/{tag}/{name}"
        if url != want:
            problems.append(f"{target}: binstall downloads {url}, dist publishes {want}")
        # Where dist packs the binary (its tasks.rs: a root folder for tarballs, none
        # for zips). .ci/check-release runs dist's own installer on an archive packed
        # this way, so a change in dist's layout fails there too.
        binary = "dateline.exe" if "windows" in target else "dateline"
        inside = binary if name.endswith(".zip") else f"{name.removesuffix('.tar.xz')}/{binary}"
        bin_dir = expand(settings["bin-dir"], values)
        if bin_dir != inside:
            problems.append(f"{target}: binstall looks for {bin_dir}, dist packs {inside}")
        assets = [asset.get("path") for asset in artifact.get("assets", [])]
        if binary not in assets:
            problems.append(f"{target}: {name} holds no {binary} ({assets})")
    with open(readme_md) as f:
        more, links = readme_downloads(f.read(), package["repository"], plan["artifacts"])
    problems += more
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(
        f"binstall metadata matches the {len(archives)} archives dist plans for {tag},"
        f" and the README's {links} downloads are files it publishes"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
