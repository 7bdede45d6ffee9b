#!/bin/sh
# build-info.sh PACKAGE_DIRECTORY OUTPUT_DIRECTORY: writes OUTPUT_DIRECTORY/BuildInfo.swift, what the binary is
# built from: the version in VERSION; the commit, from TICKETGATE_COMMIT (a build without the repository, such
# as the Docker build, passes it) or else git, with "-modified" when the tree differs from it; the build date,
# from SOURCE_DATE_EPOCH (the release script sets the commit's) or else the commit's date. The file is replaced
# only when it changes, so a build with nothing new compiles nothing.
set -eu
package="$1"
output="$2"
# Only what a Swift string literal holds as written.
clean() { tr -cd 'A-Za-z0-9._:+-'; }
version="$(clean <"$package/VERSION")"
commit="$(printf '%s' "${TICKETGATE_COMMIT:-}" | clean)"
if [ -z "$commit" ]; then
    commit="$(git -C "$package" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
    if [ "$commit" != unknown ] && ! git -C "$package" diff --quiet HEAD -- 2>/dev/null; then
        commit="$commit-modified"
    fi
fi
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    built="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
else
    built="$(TZ=UTC git -C "$package" log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo unknown)"
fi
built="$(printf '%s' "$built" | clean)"
mkdir -p "$output"
cat >"$output/BuildInfo.swift.new" <<SWIFT
/// What this binary was built from (written by the BuildInfo plugin, Plugins/BuildInfo).
package enum BuildInfo {
    package static let version = "$version"
    package static let commit = "$commit"
    package static let built = "$built"
}
SWIFT
if cmp -s "$output/BuildInfo.swift.new" "$output/BuildInfo.swift"; then
    rm "$output/BuildInfo.swift.new"
else
    mv "$output/BuildInfo.swift.new" "$output/BuildInfo.swift"
fi
