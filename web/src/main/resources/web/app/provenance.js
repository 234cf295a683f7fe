// Where an exported file came from, as lines of text: attend version, model name and version, layer, head,
// view, and the text. Used by the SVG/PNG footer and, inlined, by the exported HTML file's header.

export function provenanceLines(p) {
  const head = p.head === 'all' ? `heads ${p.heads.join(', ')}` : `head ${p.head}`;
  const lines = [
    `attend${p.attendVersion ? ` ${p.attendVersion}` : ''} · ${p.modelName}${p.modelVersion ? ` ${p.modelVersion}` : ''} (${p.model}) · `
      + `layer ${p.layer}, ${head} · ${p.view}${p.words ? ', words' : ''}`,
    `text: ${p.text}`,
  ];
  if (p.textB) lines.push(`text b: ${p.textB}`);
  return lines;
}
