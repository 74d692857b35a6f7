import { readRegularFile } from './regularFile';

/** Finds the uid owning the client end of a loopback TCP connection; undefined when it cannot tell. */
export type PeerUid = (connection: { remotePort: number; localPort: number }) => number | undefined;

/** `127.0.0.1:port` as /proc/net/tcp writes it: the address in host byte order (little-endian here), the port in hex. */
function procAddress(port: number): string {
  return `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Linux: the uid of the process that opened the client end of a connection to a loopback
 * listener, read from /proc/net/tcp (the line whose local address is the client's end and whose
 * remote address is the listener). Elsewhere, or when the line is not found, undefined: the
 * caller then cannot tell who is asking, and relies on its random path alone.
 */
export const loopbackPeerUid: PeerUid = ({ remotePort, localPort }) => {
  let table: string;
  try {
    // procfs reports size 0; the reader reads to EOF under its cap.
    table = readRegularFile('/proc/net/tcp', 8 * 1024 * 1024).toString('latin1');
  } catch {
    return undefined;
  }
  const client = procAddress(remotePort);
  const server = procAddress(localPort);
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid …
    if (fields[1] === client && fields[2] === server) {
      const uid = Number(fields[7]);
      return Number.isInteger(uid) ? uid : undefined;
    }
  }
  return undefined;
};
