"""Turns the output of run.sh into ratios per round, with their medians (issue 16's acceptance)."""
import re
import statistics
import sys

rounds = []
for line in open(sys.argv[1]):
    if line.startswith('### round'):
        rounds.append({})
        continue
    m = re.match(r'(\S+): .*?tokens/s: (\d+)(?:.*?\): (\d+)%)?', line)
    if m and rounds:
        rounds[-1][m.group(1)] = (int(m.group(2)), m.group(3))

RATIOS = [
    ('native float64 1T / PyTorch float64', 'native-256-1T', 'torch-f64'),
    ('native single 1T / PyTorch float32', 'single-256-1T', 'torch-f32'),
    ('native H=256 2T / 1T', 'native-256-2T', 'native-256-1T'),
    ('java H=256 2T / 1T', 'java-256-2T', 'java-256-1T'),
    ('native H=512 2T / 1T', 'native-512-2T', 'native-512-1T'),
    ('java H=512 2T / 1T', 'java-512-2T', 'java-512-1T'),
]
for label, top, bottom in RATIOS:
    values = [r[top][0] / r[bottom][0] for r in rounds if top in r and bottom in r]
    if values:
        print(f"{label:38s} {'  '.join(f'{v:.2f}' for v in values)}   median {statistics.median(values):.2f}")
for key in ['native-256-1T', 'native-512-1T', 'native-256-2T', 'native-512-2T']:
    print(f"{key + ' of the limit':38s} {'  '.join(str(r[key][1]) + '%' for r in rounds if key in r)}")
