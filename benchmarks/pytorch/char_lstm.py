"""PyTorch reference for rnn:bench: char-LSTM training, one thread, tokens/s.

Usage: python3 benchmarks/pytorch/char_lstm.py [TEXT_FILE] [HIDDEN] [STEPS] [float64|float32]
(float64 by default, as rnnlab; float32 is what a user after speed alone compares against).
Same shape as `rnn:bench cell=lstm hidden=H batch=32 length=64`: one-hot input, LSTM, linear
head, cross-entropy at every step, Adam, hidden state carried across batches.
"""
import sys, time, torch

torch.set_num_threads(1)
precision = sys.argv[4] if len(sys.argv) > 4 else "float64"
dtype = {"float64": torch.float64, "float32": torch.float32}[precision]
torch.set_default_dtype(dtype)
text = open(sys.argv[1]).read() if len(sys.argv) > 1 else "the gradient vanishes or explodes " * 5000
hidden, steps, batch, length = int(sys.argv[2]) if len(sys.argv) > 2 else 256, int(sys.argv[3]) if len(sys.argv) > 3 else 30, 32, 64
chars = sorted(set(text)); codes = torch.tensor([chars.index(c) for c in text])
vocab = len(chars)
lstm, head = torch.nn.LSTM(vocab, hidden), torch.nn.Linear(hidden, vocab)
opt = torch.optim.Adam(list(lstm.parameters()) + list(head.parameters()), lr=0.001)
stretch = len(codes) // batch
state = None
def step(i):
    global state
    starts = torch.arange(batch) * stretch + (i * length) % (stretch - length - 1)
    idx = starts[None, :] + torch.arange(length)[:, None]
    x = torch.nn.functional.one_hot(codes[idx], vocab).to(dtype)
    out, state = lstm(x, state)
    state = tuple(s.detach() for s in state)
    loss = torch.nn.functional.cross_entropy(head(out).reshape(-1, vocab), codes[idx + 1].reshape(-1))
    opt.zero_grad(); loss.backward(); opt.step()
for i in range(3):
    step(i)
start = time.perf_counter()
for i in range(steps):
    step(i + 3)
print(f"pytorch tokens/s: {steps * batch * length / (time.perf_counter() - start):.0f}  hidden: {hidden}  precision: {precision}")
