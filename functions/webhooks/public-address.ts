/**
 * No server-side request forgery through a webhook endpoint (issue 30): an endpoint URL must be
 * `https` with a public DNS name, and every address the name resolves to at send time must be
 * public — not private, loopback, link-local (the instance metadata address 169.254.169.254
 * included), CGNAT, IPv6 unique-local, multicast, documentation or reserved, nor such an address
 * mapped into IPv6. Locally, a flag (never deployed) allows `http://127.0.0.1`.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address an IPv6 one carries (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const high = Number.parseInt(match[2]!, 16);
  const low = Number.parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address may be sent to. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return isPublicAddress(v4);
    return !blocked.check(address, 'ipv6');
  }
  return false;
}

export class EndpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointRefused';
  }
}

/** An endpoint URL as it may be stored: `https`, a DNS name of at least two labels, no credentials (`allowLocalHttp`: also `http://127.0.0.1[:port]`). */
export function checkEndpointUrl(text: string, options: { allowLocalHttp?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointRefused('not a URL');
  }
  if (url.username || url.password) throw new EndpointRefused('no credentials in the URL');
  if (options.allowLocalHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1') return url;
  if (url.protocol !== 'https:') throw new EndpointRefused('the URL must be https');
  const host = url.hostname.replace(/\.$/, '');
  if (isIP(host.replace(/^\[|\]$/g, ''))) throw new EndpointRefused('the URL must name a host, not an address');
  if (!host.includes('.') || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    throw new EndpointRefused('the URL must name a public host');
  return url;
}

export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The addresses to send to, resolved now: every one must be public (a name that later resolves to
 * a private address fails that attempt). The caller connects to one of these, not to the name again.
 */
export async function publicAddressesOf(url: URL, options: { allowLocalHttp?: boolean; resolve?: Resolver } = {}): Promise<string[]> {
  if (options.allowLocalHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1') return ['127.0.0.1'];
  const addresses = await (options.resolve ?? systemResolver)(url.hostname);
  if (!addresses.length) throw new EndpointRefused(`${url.hostname} resolves to nothing`);
  const refused = addresses.filter((address) => !isPublicAddress(address));
  if (refused.length) throw new EndpointRefused(`${url.hostname} resolves to a non-public address (${refused.join(', ')})`);
  return addresses;
}

/**
 * At registration: the addresses the URL's name resolves to now that are not public (none when it
 * does not resolve at all: such a URL is kept, and fails its tries until it does). A name that
 * resolves inside is refused at once; the check at send time still decides each try.
 */
export async function nonPublicAddressesNow(url: URL, options: { allowLocalHttp?: boolean; resolve?: Resolver } = {}): Promise<string[]> {
  if (options.allowLocalHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1') return [];
  const addresses = await (options.resolve ?? systemResolver)(url.hostname).catch(() => [] as string[]);
  return addresses.filter((address) => !isPublicAddress(address));
}
