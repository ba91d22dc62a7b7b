#!/bin/sh
# Builds one libFuzzer target of Herald (with AddressSanitizer) and runs it.
#   Fuzz/run.sh TARGET [SECONDS]     e.g. Fuzz/run.sh FuzzTemplates 600
# TARGET is one of FuzzFrontMatter FuzzTemplates FuzzFeed FuzzBuild FuzzMarkdown.
# Crashes are written to Fuzz/Crashes/TARGET/; the corpus grows in
# Fuzz/Work/TARGET/ (both ignored by git), seeded from Fuzz/Corpus/TARGET/.
# Extra libFuzzer flags can be passed in FUZZ_FLAGS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: Fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
case $target in
FuzzFrontMatter|FuzzTemplates|FuzzFeed|FuzzBuild|FuzzMarkdown) ;;
*) echo "unknown target '$target': use FuzzFrontMatter, FuzzTemplates, FuzzFeed, FuzzBuild or FuzzMarkdown" >&2; exit 2 ;;
esac
cd "$here"
# -parse-as-library: the targets have no main; libFuzzer supplies it.
# Debug builds compile Herald with -enable-testing, which the targets' @testable imports need.
nice -n 19 swift build -c debug --product "$target" --scratch-path "$here/.build-fuzz" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
binary="$here/.build-fuzz/debug/$target"
mkdir -p "Work/$target" "Crashes/$target"
# Keep the fuzzer's memory and time per input bounded. Leak detection is off:
# FoundationEssentials leaks a 4 KiB buffer whenever FileManager.contents(atPath:)
# reads an empty file (found by FuzzBuild; see Tests/README.md), which would
# stop every run that writes one (and fail the run at exit). Set
# ASAN_OPTIONS=detect_leaks=1 FUZZ_FLAGS=-detect_leaks=1 to look anyway.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
exec nice -n 19 "$binary" "Work/$target" "Corpus/$target" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=16384 -detect_leaks=0 \
    -artifact_prefix="Crashes/$target/" -print_final_stats=1 ${FUZZ_FLAGS:-}
