"""Runs a command on a new pseudo-terminal, its controlling terminal, as a user at a terminal
window runs it: stdin on the terminal, and stdout too unless --json.

  --columns N, --rows N  the terminal's size (default 1000 x 50: wide, so no line wraps)
  --stderr-to-pty        stderr on the terminal too (else it stays this process's stderr, so
                         messages arrive uncoloured and apart from a prompt's redraws)
  --type PROMPT ANSWER   types ANSWER and Enter once PROMPT has appeared on the terminal
  --json                 stdout on a pipe, as under `eval "$(…)"`; at the end prints
                         {"stdout", "terminal", "status"} as JSON instead of relaying

Without --json it relays this process's stdin to the terminal and what the terminal shows to
stdout, and exits with the command's status.
Usage: ptyRun.py [options] -- command args..."""
import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios

args = sys.argv[1:]
columns, rows, stderr_to_pty, as_json, prompt, answer = 1000, 50, False, False, None, b''
while args and args[0] != '--':
    option = args.pop(0)
    if option == '--columns':
        columns = int(args.pop(0))
    elif option == '--rows':
        rows = int(args.pop(0))
    elif option == '--stderr-to-pty':
        stderr_to_pty = True
    elif option == '--json':
        as_json = True
    elif option == '--type':
        prompt, answer = args.pop(0).encode(), args.pop(0).encode()
    else:
        sys.exit(f'ptyRun.py: unknown option {option}')
args = args[1:]

master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, columns, 0, 0))
child = subprocess.Popen(args, stdin=slave, stdout=subprocess.PIPE if as_json else slave, stderr=slave if stderr_to_pty else None,
                         start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
os.close(slave)

outputs = [master] + ([child.stdout.fileno()] if as_json else [])
stdin_open = True
terminal, stdout, awaited = b'', b'', b''
while outputs:
    ready, _, _ = select.select(outputs + ([0] if stdin_open else []), [], [], 0.05)
    for fd in ready:
        if fd == 0:
            data = os.read(0, 65536)
            if data:
                os.write(master, data)
            else:
                stdin_open = False
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: every process closed the terminal
            data = b''
        if not data:
            outputs.remove(fd)
        elif fd != master:
            stdout += data
        else:
            if as_json:
                terminal += data
            else:
                os.write(1, data)
            if prompt is not None:
                awaited += data
                if prompt in awaited:
                    os.write(master, answer + b'\n')
                    prompt = None
    if child.poll() is not None and not set(ready) & set(outputs):
        break
status = child.wait()
if as_json:
    print(json.dumps({'stdout': stdout.decode(), 'terminal': terminal.decode(errors='replace'), 'status': status}))
else:
    sys.exit(status)
