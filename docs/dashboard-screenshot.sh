#!/usr/bin/env bash
# Makes docs/dashboard.png, the README's picture of the dashboard: a tanh RNN and an LSTM on the
# adding problem over 100 steps (where the tanh RNN's gradient vanishes), trained side by side as an experiment, shown in headless
# Chromium after SECONDS of training. Needs the built runtime (mvn install), Debian's chromium
# and chromium-driver; Selenium comes from the runtime module's test class path.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_OF_TRAINING=${1:-60}
home=$(mktemp -d)
port=8799
fifo="$home/commands"
mkfifo "$fifo"
java -Dorg.osgi.service.http.port=$port -jar runtime/target/rnnlab.jar --home "$home" < "$fifo" > "$home/out.txt" 2>&1 &
runtime=$!
trap 'kill $runtime 2>/dev/null; wait $runtime 2>/dev/null; rm -rf "$home"' EXIT
exec 3> "$fifo"
echo "rnn:experiment name=tanh-vs-lstm task=adding length=100 cell=rnn-tanh cell=lstm hidden=32 steps=100000 report=10 diagnostics=100 lr=0.003 remedies=clip-norm:max=1 seed=1" >&3
sleep "$SECONDS_OF_TRAINING"
mvn -B -q -pl runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$home/classpath"
java -cp "$(cat "$home/classpath")" docs/DashboardScreenshot.java "http://127.0.0.1:$port/" docs/dashboard.png
