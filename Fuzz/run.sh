#!/usr/bin/env bash
# Fuzzes HTTPRequestParser with libFuzzer and AddressSanitizer for FUZZ_SECONDS seconds (default 30).
# Exits non-zero when the fuzzer finds a crash, a hang or a leak; the input that did it is left in Fuzz/.build/.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
http_dir="$fuzz_dir/../Sources/Blueprint/HTTP"
build_dir="$fuzz_dir/.build"
work_dir="$fuzz_dir/corpus-work"
binary="$build_dir/http-request-parser-fuzz"

# The parser and the types it uses; nothing else from the library, so that this builds on its own.
sources=(
    "$http_dir/HTTPMethod.swift"
    "$http_dir/HTTPVersion.swift"
    "$http_dir/HTTPStatus.swift"
    "$http_dir/HTTPHeaders.swift"
    "$http_dir/String+ContiguousUTF8.swift"
    "$http_dir/HTTPRequest.swift"
    "$http_dir/HTTPLimits.swift"
    "$http_dir/HTTPParseError.swift"
    "$http_dir/HTTPSyntax.swift"
    "$http_dir/HTTPRequestParser.swift"
    "$http_dir/HTTPRequestParser+Head.swift"
    "$http_dir/HTTPRequestParser+Framing.swift"
    "$http_dir/HTTPRequestParser+Chunked.swift"
    "$fuzz_dir/HTTPRequestParserFuzz.swift"
)

mkdir -p "$build_dir" "$work_dir"
echo "Building $binary"
swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -use-ld=lld -module-name HTTPParserFuzz \
    "${sources[@]}" -o "$binary"

# Seed the working corpus with the committed requests; inputs found in earlier runs are kept.
for seed in "$fuzz_dir"/corpus/*; do
    target="$work_dir/$(basename "$seed")"
    if [[ ! -e "$target" ]]; then cp "$seed" "$target"; fi
done

echo "Fuzzing for ${FUZZ_SECONDS:-30} seconds"
"$binary" \
    -max_total_time="${FUZZ_SECONDS:-30}" \
    -max_len=4096 \
    -dict="$fuzz_dir/http.dict" \
    -timeout=10 \
    -print_final_stats=1 \
    -artifact_prefix="$build_dir/" \
    "$work_dir"
