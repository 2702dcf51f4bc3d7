/** Names close to `name` (edit distance, or prefix/substring), best first, for "did you mean". */
export function suggest(name: string, candidates: string[], max = 3): string[] {
  const lower = name.toLowerCase();
  return candidates
    .map((c) => {
      const cl = c.toLowerCase();
      const d = distance(lower, cl);
      const bonus = cl.includes(lower) || lower.includes(cl) ? -2 : 0;
      return { c, score: d + bonus };
    })
    .filter(({ c, score }) => score <= Math.max(2, Math.floor(c.length / 3)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
