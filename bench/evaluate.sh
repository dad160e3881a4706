#!/usr/bin/env bash
# Score extract_policy on the shared seeds, the development corpus of real statements and the
# held-out sets in bench/eval/, then print the reliability of its confidence on all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
score=../shared/eval/score.py
command=".venv/bin/python manage.py extract_policy {path} --format json"
golds=()
for gold in ../shared/eval/seeds.gold.json ../shared/corpus/dev.gold.json bench/eval/heldout*/eval/gold.json; do
  [ -f "$gold" ] || continue
  golds+=("$gold")
  printf '%-40s ' "$gold"
  .venv/bin/python "$score" "$gold" --cmd "$command" --quiet | tail -n 1
done
echo
echo "Reliability of confidence (stated answers: band -> share right, count):"
.venv/bin/python bench/eval/reliability.py "${golds[@]}"

# GDPR Art. 28(3) on the DPA fixtures (tests/policies/dpas), through the gdpr-art28 template.
dpa_command=".venv/bin/python manage.py extract_policy {path} --template gdpr-art28 --format json"
for gold in bench/eval/dpa/gold.json; do
  [ -f "$gold" ] || continue
  printf '%-40s ' "$gold"
  .venv/bin/python "$score" "$gold" --cmd "$dpa_command" --quiet | tail -n 1
done

# Blind sets written by analysts who never saw the code (bench/eval/README.md): DPAs through
# gdpr-art28, and sub-processor lists through extract_subprocessors.
printf '%-40s ' bench/eval/blind-dpa/eval/dpa.gold.json
.venv/bin/python "$score" bench/eval/blind-dpa/eval/dpa.gold.json --cmd "$dpa_command" --quiet | tail -n 1
echo "Sub-processor lists, bench/eval/blind-dpa/eval/subprocessors.gold.json:"
.venv/bin/python bench/eval/score_subprocessors.py bench/eval/blind-dpa/eval/subprocessors.gold.json \
  --cmd ".venv/bin/python manage.py extract_subprocessors {path} --format json" | tail -n 4
