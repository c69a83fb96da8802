import autocannon from "autocannon";

export interface ReadLatency {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const clientAddresses = new WeakMap<object, string>();
let clients = 0;
/** One address per autocannon connection (its request context lives as long as it does). */
function clientAddressOf(connection: object): string {
  let address = clientAddresses.get(connection);
  if (!address) {
    clients++;
    address = `10.0.${Math.floor(clients / 250)}.${(clients % 250) + 1}`;
    clientAddresses.set(connection, address);
  }
  return address;
}

// A prime that divides no list length used here: a stride by it visits every id once per round.
const STRIDE = 7919;

/**
 * Closed-loop load on one read route with autocannon, `connections` clients at once, each request
 * for another of `publicIds` (a stride through the list, so no id is hot), with the headers a
 * browser sends (gzip accepted). After a short warm-up on one id (not measured):
 * - `firstReads`: every id read once, the first read of each since the server started: nothing
 *   of it is in the server's public read cache;
 * - then, reported at the top level, `seconds` of reads continuing the stride: repeat reads, as a
 *   passport's QR code is scanned again and again over its life.
 */
export async function measureReadLatency(params: {
  port: number;
  readPath: (publicId: string) => string;
  publicIds: string[];
  connections: number;
  seconds: number;
}): Promise<ReadLatency & { firstReads: ReadLatency }> {
  const { port, readPath, publicIds } = params;
  await autocannon({ url: `http://127.0.0.1:${port}${readPath(publicIds[0]!)}`, connections: 10, duration: 2 });
  let nextId = 0;
  const run = async (limit: { amount: number } | { duration: number }): Promise<ReadLatency> => {
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: params.connections,
          ...limit,
          requests: [
            {
              method: "GET",
              headers: { "accept-encoding": "gzip, deflate, br, zstd" },
              setupRequest: (request, context) => ({
                ...request,
                // Each connection is its own client (the api trusts X-Forwarded-For from loopback, as
                // from the web's proxy), so the rate limiter counts 100 clients, as it would in use.
                headers: { ...request.headers, "x-forwarded-for": clientAddressOf(context) },
                path: readPath(publicIds[(nextId++ * STRIDE) % publicIds.length]!),
              }),
            },
          ],
        },
        (error, finished) => (error ? reject(error) : resolve(finished)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      requestsPerSecond: result.requests.average,
      requests: latencies.length,
      non2xx: result.non2xx,
    };
  };
  const firstReads = await run({ amount: publicIds.length });
  const repeatReads = await run({ duration: params.seconds });
  return { ...repeatReads, firstReads };
}

/** One line of a results table: p95 first, then what it came with. */
export function describeReadLatency(latency: ReadLatency): string {
  return `p95 ${latency.p95.toFixed(1)} ms (p50 ${latency.p50.toFixed(1)}, p99 ${latency.p99.toFixed(1)}; ${Math.round(latency.requestsPerSecond).toLocaleString("en")} req/s, ${latency.requests.toLocaleString("en")} requests, ${latency.non2xx} non-2xx)`;
}
