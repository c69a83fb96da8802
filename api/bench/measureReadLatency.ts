import autocannon from "autocannon";

export interface ReadLatency {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Closed-loop load on one read route with autocannon: `connections` clients for `seconds`, each
 * request for another of `publicIds` (a stride through the list, so no id is hot). A short
 * warm-up comes first and is not measured.
 */
export async function measureReadLatency(params: {
  port: number;
  readPath: (publicId: string) => string;
  publicIds: string[];
  connections: number;
  seconds: number;
}): Promise<ReadLatency> {
  const { port, readPath, publicIds } = params;
  await autocannon({ url: `http://127.0.0.1:${port}${readPath(publicIds[0]!)}`, connections: 10, duration: 2 });
  const latencies: number[] = [];
  let nextId = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: params.connections,
        duration: params.seconds,
        requests: [
          {
            method: "GET",
            setupRequest: (request) => ({
              ...request,
              path: readPath(publicIds[(nextId++ * 7919) % publicIds.length]!),
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
    non2xx: result.non2xx,
  };
}
