import type { Tool, ToolChoiceTool } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import { answerSchema, TOOL_NAME } from "./answer.ts";

export function selectionTool(maxSelections: number): Tool {
  // The $schema marker is noise to the API; everything else is exactly what zod accepts.
  const { $schema: _ignored, ...schema } = z.toJSONSchema(answerSchema(maxSelections), {
    target: "draft-2020-12",
    io: "input",
  });
  return {
    name: TOOL_NAME,
    description:
      "Submit today's selection: 0 or more contracts to buy with dollar allocations, and a probability for every candidate.",
    input_schema: schema as Tool.InputSchema,
  };
}

/** Forced: the model must answer through the tool, never in free text. */
export const selectionToolChoice: ToolChoiceTool = {
  type: "tool",
  name: TOOL_NAME,
  disable_parallel_tool_use: true,
};
