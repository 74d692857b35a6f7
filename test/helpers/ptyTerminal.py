"""Runs a command on a pseudo-terminal of COLUMNS x 24 (stdin, stdout and stderr all on it, as
in a terminal window), relaying this process's stdin to it and what it prints to stdout; exits
with the command's status. Usage: ptyTerminal.py COLUMNS -- command args..."""
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios

columns = int(sys.argv[1])
args = sys.argv[3:] if sys.argv[2:3] == ['--'] else sys.argv[2:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, columns, 0, 0))
child = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                         preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
os.close(slave)
stdin_open = True
while True:
    ready, _, _ = select.select([master] + ([0] if stdin_open else []), [], [], 0.05)
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every process closed the terminal
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
