# Runs a command whose controlling terminal is a new pseudo-terminal (stdin and stderr on it,
# stdout on a pipe, as under `eval "$(…)"`), types `answer` + Enter once `prompt` appears on the
# terminal, and prints {"stdout", "terminal", "status"} as JSON.
# Usage: typeOnTerminal.py PROMPT ANSWER -- command args...
import fcntl, json, os, pty, select, subprocess, sys, termios

prompt, answer = sys.argv[1].encode(), sys.argv[2].encode()
args = sys.argv[sys.argv.index('--') + 1:]
master, slave = pty.openpty()
child = subprocess.Popen(args, stdin=slave, stdout=subprocess.PIPE, stderr=slave, start_new_session=True,
                         preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
os.close(slave)
seen, typed, out = b'', False, b''
fds = [master, child.stdout.fileno()]
while fds:
    ready, _, _ = select.select(fds, [], [], 0.1)
    for fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b''
        if not data:
            fds.remove(fd)
            continue
        if fd == master:
            seen += data
            if not typed and prompt in seen:
                os.write(master, answer + b'\n')
                typed = True
        else:
            out += data
    if child.poll() is not None and not ready:
        break
status = child.wait()
print(json.dumps({'stdout': out.decode(), 'terminal': seen.decode(errors='replace'), 'status': status}))
