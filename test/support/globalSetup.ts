import type { TestProject } from "vitest/node";

/** One id per `vitest run`: the web is built once per run and shared by every end-to-end file (testStack.ts). */
export default function setup(project: TestProject) {
  project.provide("testRunId", `${Date.now()}-${process.pid}`);
}

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
  }
}
