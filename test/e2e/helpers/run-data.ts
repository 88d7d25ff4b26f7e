/** Reading what `n8n execute --rawOutput` printed: an IRun as JSON. */
export interface ItemJson {
  json: Record<string, unknown>;
  binary?: Record<string, { fileName?: string; mimeType?: string; data?: string; id?: string }>;
  pairedItem?: unknown;
}

/** One run of one node in the run data. */
export interface NodeRunData {
  startTime?: number;
  executionTime?: number;
  data?: { main?: Array<ItemJson[] | null> };
  error?: unknown;
}

interface RunShape {
  status?: string;
  data?: {
    resultData?: {
      error?: { message?: string; description?: string; node?: { name?: string } };
      runData?: Record<string, NodeRunData[]>;
    };
  };
}

/** The items a node sent to one of its outputs in the last run of that node. */
export function outputOf(result: unknown, nodeName: string, output = 0): ItemJson[] {
  const runs = (result as RunShape).data?.resultData?.runData?.[nodeName];
  if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run`);
  return runs[runs.length - 1]?.data?.main?.[output] ?? [];
}

export function ranNode(result: unknown, nodeName: string): boolean {
  return Boolean((result as RunShape).data?.resultData?.runData?.[nodeName]);
}

/** The execution's error, or undefined when it succeeded. */
export function runError(
  result: unknown,
): { message: string; description: string; node: string } | undefined {
  const error = (result as RunShape).data?.resultData?.error;
  if (!error) return undefined;
  return {
    message: error.message ?? '',
    description: error.description ?? '',
    node: error.node?.name ?? '',
  };
}

/** Every node's runs, by node name (empty when n8n printed no run). */
export function runDataOf(result: unknown): Record<string, NodeRunData[]> {
  return (result as RunShape | undefined)?.data?.resultData?.runData ?? {};
}
