// The renderer's children_props (protocol §6.4): which non-`children` props hold components, as
// paths: `label`, `options[].label`, `tooltip{}`, `a.b`.

function holdsNode(type) {
  return type.kind === 'node' || (type.kind === 'union' && type.members.some(holdsNode)) ||
    (type.kind === 'array' && type.of && holdsNode(type.of));
}

// Paths below `prefix` at which components may sit.
function paths(type, prefix) {
  if (holdsNode(type)) return [prefix];
  switch (type.kind) {
    case 'union': return [...new Set(type.members.flatMap((member) => paths(member, prefix)))];
    case 'array': return type.of ? paths(type.of, `${prefix}[]`) : [];
    case 'object':
      if (type.of) return holdsNode(type.of) ? [`${prefix}{}`] : paths(type.of, `${prefix}{}`);
      return Object.entries(type.fields || {}).flatMap(([name, field]) => paths(field.type, `${prefix}.${name}`));
    default: return [];
  }
}

export function childrenProps(component) {
  return Object.entries(component.props)
    .filter(([name]) => name !== 'children')
    .flatMap(([name, prop]) => paths(prop.type, name));
}
