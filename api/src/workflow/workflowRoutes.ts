import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantModel } from "../models/getTenantModel.ts";
import { getTenantActor, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { ModelParamsSchema } from "../tenancy/TenantParams.ts";
import { getModelWorkflow, WORKFLOW_ACTION_KINDS, WORKFLOW_STEP_KEYS } from "./getModelWorkflow.ts";

const WorkflowStepSchema = z
  .object({
    key: z.enum(WORKFLOW_STEP_KEYS),
    title: z.string(),
    status: z.enum(["DONE", "IN_PROGRESS", "TODO", "BLOCKED"]),
    detail: z.string(),
    action: z
      .object({
        kind: z.enum(WORKFLOW_ACTION_KINDS),
        label: z.string(),
        category: z.string().nullable().openapi({ description: "The catalogue category to open, for attribute edits" }),
      })
      .nullable(),
  })
  .openapi("WorkflowStep");

const ModelWorkflowSchema = z
  .object({
    modelId: z.string().uuid(),
    steps: z.array(WorkflowStepSchema),
    nextStep: z.enum(WORKFLOW_STEP_KEYS).nullable(),
  })
  .openapi("ModelWorkflow");

const workflowRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/models/{modelId}/workflow",
  tags: ["models"],
  summary:
    "The model's guided workflow (register → passports → carbon declaration → supplier data → compliance check → conformity assessment → placing on the market), each step's status computed from the organization's data, with the next action",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: ModelParamsSchema },
  responses: {
    200: { description: "The workflow", content: { "application/json": { schema: ModelWorkflowSchema } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function workflowRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  app.openapi(workflowRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const model = await getTenantModel(db.prisma, organizationId, modelId);
    return c.json(await getModelWorkflow(db, organizationId, model), 200);
  });

  return app;
}
