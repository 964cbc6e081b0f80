#!/bin/bash
# One sitting of issue 16's acceptance: every line, ROUNDS rounds (5 by default), each round
# running every line once in this order, PyTorch interleaved, so the ratios compare runs of the
# same round. Run from the repository's root after the build; prints one line per run, which
# ratios.py turns into the README's table:
#   bash benchmarks/sitting/run.sh > sitting.out; python3 benchmarks/sitting/ratios.py sitting.out
set -u
JAR=${JAR:-runtime/target/rnnlab.jar}
TEXT=${TEXT:-../shared/data/tinyshakespeare.txt}
ROUNDS=${ROUNDS:-5}
bench() { timeout 900 java -jar "$JAR" -c "rnn:bench $1 warmup=3 file=$TEXT" 2>&1 | grep "tokens/s"; }
torch() { OPENBLAS_NUM_THREADS=1 timeout 900 /usr/bin/python3 benchmarks/pytorch/char_lstm.py "$TEXT" 256 30 "$1" 2>&1 | tail -1; }
for round in $(seq 1 "$ROUNDS"); do
  echo "### round $round $(date +%T)"
  echo "native-256-1T: $(bench 'hidden=256 steps=30 backend=native')"
  echo "torch-f64: $(torch float64)"
  echo "single-256-1T: $(bench 'hidden=256 steps=30 backend=native precision=single')"
  echo "torch-f32: $(torch float32)"
  echo "native-256-2T: $(bench 'hidden=256 steps=30 backend=native threads=2')"
  echo "java-256-1T: $(bench 'hidden=256 steps=20 backend=java')"
  echo "java-256-2T: $(bench 'hidden=256 steps=20 backend=java threads=2')"
  echo "native-512-1T: $(bench 'hidden=512 steps=15 backend=native')"
  echo "native-512-2T: $(bench 'hidden=512 steps=15 backend=native threads=2')"
  echo "java-512-1T: $(bench 'hidden=512 steps=8 backend=java')"
  echo "java-512-2T: $(bench 'hidden=512 steps=8 backend=java threads=2')"
  echo "single-256-2T: $(bench 'hidden=256 steps=30 backend=native precision=single threads=2')"
done
