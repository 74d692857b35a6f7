# Runs a command with stderr on a pseudo-terminal (so it sees a user at a terminal) and
# stdout on a pipe (as under `eval "$(…)"`), then prints {"stdout", "stderr", "status"} as JSON.
import json, os, pty, subprocess, sys

master, slave = pty.openpty()
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
err = b''
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    err += chunk
    sys.stderr.buffer.write(chunk)
    sys.stderr.flush()
out = child.stdout.read()
status = child.wait()
print(json.dumps({'stdout': out.decode(), 'stderr': err.decode(errors='replace'), 'status': status}))
