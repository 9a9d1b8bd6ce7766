#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the fixtures (and ../shared/corpus/docs
# and the text chains of ../shared/real when present). The corpora are not
# committed (.gitignore); run this once before `cargo fuzz run`, from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
root=..
docs=("$root"/fixtures/*.txt "$root"/fixtures/ok/*.txt "$root"/fixtures/err/*.txt "$root"/fixtures/read/*/*)
[ -d "$root/../shared/corpus/docs" ] && docs+=("$root"/../shared/corpus/docs/*.txt)
# Real plans as tools flatten them (w3m, lynx, pandoc, docx2txt, pdftotext, …):
# every reader's shape, from real pages.
[ -d "$root/../shared/real/chains" ] && docs+=("$root"/../shared/real/chains/*.txt "$root"/../shared/real/chains/*.md)

for target in parse parse_bytes export; do
    mkdir -p "corpus/$target"
    cp "${docs[@]}" "corpus/$target/"
done

# The file readers get real files: saved pages, and the Word files and
# workbooks LibreOffice made of them; the PDF words reader gets what
# pdftotext -bbox-layout makes of the PDFs, when poppler is installed.
real="$root/../shared/real"
if [ -d "$real/chains" ]; then
    mkdir -p corpus/html corpus/docx corpus/sheet corpus/words
    cp "$real"/pages/*.html corpus/html/
    cp "$real"/chains/*.docx corpus/docx/
    cp "$real"/chains/*.xlsx corpus/sheet/
    if command -v pdftotext >/dev/null; then
        for pdf in "$real"/chains/*.pdf; do
            pdftotext -bbox-layout "$pdf" "corpus/words/$(basename "$pdf" .pdf).html"
        done
    fi
fi

# The units grammar gets phrases: every line of the UTF-8 plans, one file each.
mkdir -p corpus/units
n=0
for doc in "${docs[@]}"; do
    while IFS= read -r line || [ -n "$line" ]; do
        [ -n "$line" ] || continue
        n=$((n + 1))
        printf '%s' "$line" > "corpus/units/line-$n"
    done < "$doc"
done
echo "seeded: $(ls corpus/parse | wc -l) plans for parse, parse_bytes and export, $n lines for units"
