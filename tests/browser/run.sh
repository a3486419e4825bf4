#!/usr/bin/env bash
# Opens mtcheck's HTML reports in headless Chromium: takes screenshots
# (laptop and phone width), fails on any console message (a blocked
# resource, a CSP violation: the index's one script must pass the CSP by its
# hash), and checks the rendered DOM (no <script> element on article pages,
# escaped fixture markup; on the index, the script's filter buttons, and
# sorting and filtering set through the URL, index.html#verdict=…&sort=…).
#
# Pages: the seeds, generated with the built binary (`mtcheck check --format
# html`), the hand-made fixture report of tests/report_html.rs (findings
# of every kind, with and without an alignment), and the index.html of
# `mtcheck batch --html-dir` on fixtures/batch/manifest.csv.
#
# Usage: tests/browser/run.sh [--update-screenshot]
#   --update-screenshot  copy the seeds' laptop screenshot to docs/seeds-report.png, and
#                        the batch index and an article page (1400 px) to
#                        docs/batch-index.png and docs/batch-page.png
#   OUT=DIR              keep pages, screenshots and logs in DIR (default: a temp dir)
#   CHROMIUM=PATH        the browser (default: chromium, chromium-browser, google-chrome)
# Skips (exit 0, with a SKIP line) when no Chromium is installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

update=0
for arg in "$@"; do
    case "$arg" in
        --update-screenshot) update=1 ;;
        *) echo "usage: tests/browser/run.sh [--update-screenshot]" >&2; exit 2 ;;
    esac
done

chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
    for c in chromium chromium-browser google-chrome-stable google-chrome; do
        if command -v "$c" >/dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
    done
fi
if [ -z "$chromium" ]; then
    echo "SKIP tests/browser/run.sh: no Chromium found (apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)"
    exit 0
fi

out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
fail() { echo "FAIL tests/browser/run.sh: $*" >&2; exit 1; }

# A debug build: after `cargo test` (as in .ci/run) this is a no-op.
echo "== building mtcheck"
cargo build --quiet --bin mtcheck
bin="${CARGO_TARGET_DIR:-target}/debug/mtcheck"

echo "== generating pages in $out"
set +e
"$bin" check seeds/xi-moscow-suspected-mt.txt --reference seeds/xi-moscow-reference.txt \
    --format html --output "$out/seeds.html"
rc=$?
set -e
[ "$rc" -le 1 ] || fail "mtcheck check exited with $rc"
MTCHECK_HTML_OUT="$out" cargo test --quiet --test report_html every_finding_is_highlighted >/dev/null
set +e
"$bin" batch fixtures/batch/manifest.csv --output "$out/batch-report.csv" --html-dir "$out/batch" --quiet
rc=$?
set -e
[ "$rc" -eq 3 ] || fail "mtcheck batch on the fixture manifest exited with $rc (expected 3: some rows fail)"
# The index stays beside its pages, so that its links resolve.
html_of() { if [ "$1" = index ]; then echo "$out/batch/index.html"; else echo "$out/$1.html"; fi; }
for page in seeds fixture fixture-aligned index; do
    [ -s "$(html_of "$page")" ] || fail "$(html_of "$page") was not written"
done

chrome() {
    local profile
    profile=$(mktemp -d)
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
    local status=$?
    rm -rf "$profile"
    return $status
}

# Console messages are logged as `...:INFO:CONSOLE:1] "message", source: ...`
# (older builds: `:CONSOLE(1)]`). Make sure this Chromium logs them that way
# before trusting their absence: a page with a blocked image must produce one.
printf '%s' "<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><img src=\"https://example.invalid/x.png\">canary" >"$out/canary.html"
chrome --dump-dom "file://$out/canary.html" >/dev/null 2>"$out/canary.log" || true
grep -q ':CONSOLE' "$out/canary.log" ||
    fail "Chromium did not log the canary page's console error; cannot check console errors (see $out/canary.log)"

is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }

for page in seeds fixture fixture-aligned index; do
    url="file://$(html_of "$page")"
    echo "== $page.html"
    for view in laptop:1280,1200 phone:390,1400; do
        name=${view%%:*}
        size=${view#*:}
        png="$out/$page-$name.png"
        chrome --window-size="$size" --screenshot="$png" "$url" >/dev/null 2>"$out/$page-$name.log" ||
            fail "Chromium failed on $page.html (see $out/$page-$name.log)"
        is_png "$png" || fail "$png is not a PNG"
        [ "$(wc -c <"$png")" -gt 20000 ] || fail "$png is suspiciously small (blank page?)"
        if grep ':CONSOLE' "$out/$page-$name.log"; then
            fail "console messages on $page.html ($name), above"
        fi
    done
    chrome --dump-dom "$url" >"$out/$page.dom" 2>"$out/$page-dom.log" ||
        fail "Chromium could not dump the DOM of $page.html"
    if grep ':CONSOLE' "$out/$page-dom.log"; then fail "console messages on $page.html, above"; fi
    if [ "$page" != index ] && grep -qi '<script' "$out/$page.dom"; then
        fail "$page.html: a <script> element in the DOM"
    fi
    case "$page" in
        index)
            [ "$(grep -oi '<script' "$out/$page.dom" | wc -l)" -eq 1 ] || fail "index.html: not exactly one script"
            grep -q '<table class="index js" id="index">' "$out/$page.dom" ||
                fail "index.html: no table, or its script did not run (CSP hash?)"
            grep -q '<button type="button" data-verdict="review" aria-pressed="false">review (' "$out/$page.dom" ||
                fail "index.html: no verdict filter buttons"
            pages=$(find "$out/batch" -name '*.html' ! -name index.html | wc -l)
            [ "$pages" -ge 10 ] || fail "batch wrote only $pages pages"
            [ "$(grep -o '<a href="[0-9]*-[^"]*\.html">' "$out/$page.dom" | wc -l)" -eq "$pages" ] ||
                fail "index.html does not link to each of the $pages pages"
            grep -q 'class="error" data-sort="[0-9]*">error: ' "$out/$page.dom" || fail "index.html: error rows missing"
            # Worst first without the script: error rows, then likely-mt, review, clean.
            order=$(grep -o '<tr class="v-[a-z-]*"' "$out/$page.dom" | sed 's/.*v-//; s/"//' | uniq | tr '\n' ' ')
            case "$order" in
                "error likely-mt review clean " | "error review clean " | "error likely-mt clean " | "error likely-mt review ") ;;
                *) fail "index.html: rows not worst first ($order)" ;;
            esac
            # Filter: only review rows visible.
            chrome --dump-dom "$url#verdict=review" >"$out/index-review.dom" 2>"$out/index-review.log" ||
                fail "Chromium could not dump index.html#verdict=review"
            shown=$(grep -o '<tr class="v-[a-z-]*" data-verdict="[a-z-]*" data-rank="[0-9]*">' "$out/index-review.dom" | grep -vc 'v-review' || true)
            [ "$shown" -eq 0 ] || fail "index.html#verdict=review shows $shown rows of other verdicts"
            grep -q 'data-verdict="review" aria-pressed="true"' "$out/index-review.dom" ||
                fail "index.html#verdict=review: the review button is not pressed"
            hidden=$(grep -c '<tr[^>]* hidden=""' "$out/index-review.dom" || true)
            [ "$hidden" -gt 0 ] || fail "index.html#verdict=review hid nothing"
            # Sort: by score, ascending, the scores read in order.
            chrome --dump-dom "$url#sort=score" >"$out/index-score.dom" 2>"$out/index-score.log" ||
                fail "Chromium could not dump index.html#sort=score"
            grep -q 'data-key="score" class="num" tabindex="0" role="button" title="sort by this column" aria-sort="ascending"' "$out/index-score.dom" ||
                fail "index.html#sort=score: the score header is not sorted"
            scores=$(grep -o '</span></td><td class="num">[0-9.]*</td>' "$out/index-score.dom" | grep -o '[0-9.]*' | tr '\n' ' ')
            [ "$scores" = "$(echo "$scores" | tr ' ' '\n' | grep . | sort -g | tr '\n' ' ')" ] ||
                fail "index.html#sort=score: scores out of order ($scores)"
            for log in "$out/index-review.log" "$out/index-score.log"; do
                if grep ':CONSOLE' "$log"; then fail "console messages on index.html, above"; fi
            done
            echo "ok: index.html sorts (#sort=score: $scores) and filters (#verdict=review)"
            ;;
        *)
            grep -q 'class="score v-' "$out/$page.dom" || fail "$page.html: no score in the rendered page"
            grep -q 'class="row' "$out/$page.dom" || fail "$page.html: no side-by-side rows"
            ;;
    esac
    case "$page" in
        fixture*)
            grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/$page.dom" ||
                fail "$page.html: the fixture's <script> text is not shown as text"
            [ "$(grep -o '<mark class="f ' "$out/$page.dom" | wc -l)" -ge 11 ] ||
                fail "$page.html: highlights missing from the DOM"
            ;;
    esac
    echo "ok: screenshots $out/$page-laptop.png $out/$page-phone.png, no console messages"
done

# The screenshots of the README: a wide laptop (no header may wrap at 1400 px).
first_page=$(grep -o '<td class="id"><a href="[^"]*"' "$out/index.dom" | head -1 | sed 's/.*href="//; s/"$//')
[ -n "$first_page" ] || fail "index.html links to no page"
chrome --window-size=1400,900 --screenshot="$out/batch-index.png" "file://$out/batch/index.html" >/dev/null 2>&1 ||
    fail "Chromium failed on the index screenshot"
chrome --window-size=1400,1100 --screenshot="$out/batch-page.png" "file://$out/batch/$first_page" >/dev/null 2>&1 ||
    fail "Chromium failed on the page screenshot"
grep -q 'rel="next"' "$out/batch/$first_page" || fail "$first_page has no link to the next page"

if [ "$update" = 1 ]; then
    mkdir -p docs
    cp "$out/seeds-laptop.png" docs/seeds-report.png
    cp "$out/batch-index.png" docs/batch-index.png
    cp "$out/batch-page.png" docs/batch-page.png
    echo "updated docs/seeds-report.png, docs/batch-index.png, docs/batch-page.png"
fi
echo "PASS tests/browser/run.sh (outputs in $out)"
