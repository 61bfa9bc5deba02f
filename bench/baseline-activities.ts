/** The baseline's one activity: no I/O at all, so the baseline measures Temporal's own cost per workflow. */
export function baselineActivities() {
  return {
    async greet(name: string): Promise<string> {
      return `bonjour ${name}`;
    },
  };
}

export type BaselineActivities = ReturnType<typeof baselineActivities>;
