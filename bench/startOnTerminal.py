"""Runs a command once on a new pseudo-terminal (80 x 24), its controlling terminal, as a shell
runs in a terminal window, and prints {"ms", "cpu", "status", "terminal"} as JSON: wall time
from fork to exit and the command's own CPU time (user + system, it and its children), in
milliseconds, its exit status and what it wrote to the terminal. The time is the command's
alone: not this interpreter's start.

nu needs it (bench/shellStart.mjs): without a terminal, nu asks `tput` for the size (two
processes) each time it evaluates a config or autoload file, which no user at a terminal pays.
With --input, what this process reads on stdin is typed on the terminal (bench/hook.mjs: fish's
prompts, whose CPU is then fish's alone, not also this relay's).

Usage: startOnTerminal.py [--input] -- command args..."""
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time

args = sys.argv[1:]
typed = b''
if args[:1] == ['--input']:
    args = args[1:]
    typed = sys.stdin.buffer.read()
if args[:1] == ['--']:
    args = args[1:]
if not args:
    sys.exit('startOnTerminal.py: no command')

started = time.perf_counter()
pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    try:
        os.execvp(args[0], args)
    finally:
        os._exit(127)
terminal = b''
while True:
    # Type what is left as the terminal takes it (its input queue is small), reading meanwhile.
    readable, writable, _ = select.select([master], [master] if typed else [], [])
    if writable:
        typed = typed[os.write(master, typed[:512]):]
    if not readable:
        continue
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: every process closed the terminal
        break
    if not data:
        break
    terminal += data
_, status, usage = os.wait4(pid, 0)
ms = (time.perf_counter() - started) * 1000
os.close(master)
print(json.dumps({
    'ms': ms,
    'cpu': (usage.ru_utime + usage.ru_stime) * 1000,
    'status': os.waitstatus_to_exitcode(status),
    'terminal': terminal.decode('utf-8', 'replace'),
}))
