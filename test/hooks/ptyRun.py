"""Runs a command with a pseudo-terminal as its stdin and stdout (fish needs a terminal to
fire fish_prompt), relaying this process's stdin to it and its terminal output to stdout.
stderr stays a plain pipe unless --stderr-to-pty, so hook messages arrive uncoloured and
apart from the prompt's redraws. --columns N sets the terminal's width (default 1000).
Usage: ptyRun.py [--stderr-to-pty] [--columns N] -- command args..."""
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios

args = sys.argv[1:]
stderr_to_pty = False
columns = 1000
while args and args[0] in ('--stderr-to-pty', '--columns'):
    if args[0] == '--stderr-to-pty':
        stderr_to_pty = True
        args = args[1:]
    else:
        columns = int(args[1])
        args = args[2:]
if args and args[0] == '--':
    args = args[1:]

master, slave = pty.openpty()
# A wide terminal keeps fish from wrapping long command lines into the output.
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 50, columns, 0, 0))
child = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave if stderr_to_pty else None, start_new_session=True,
                         preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
os.close(slave)

stdin_open = True
while True:
    readers = [master] + ([0] if stdin_open else [])
    ready, _, _ = select.select(readers, [], [], 0.05)
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(master, data)
        else:
            stdin_open = False
    if child.poll() is not None and master not in ready:
        break
sys.exit(child.wait())
