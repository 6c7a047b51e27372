// Turns react-docgen output (PropTypes `type` or TypeScript `tsType`) into our metadata types:
//   {kind: 'string' | 'number' | 'bool' | 'node' | 'any' | 'func'}
//   {kind: 'enum', values: [...]}            oneOf / a union of literals
//   {kind: 'array', of?: T}                  arrayOf / T[] / array
//   {kind: 'object', of?: T, fields?: {name: {type: T, required}}}   objectOf / shape / exact / object
//   {kind: 'union', members: [T...]}

const NODE_NAMES = new Set([
  'node', 'element', 'elementType', 'ReactNode', 'React.ReactNode', 'ReactElement', 'React.ReactElement',
  'JSX.Element', 'React.JSX.Element', 'DashComponent', 'ReactReactNode', 'ReactReactElement', 'JSXElement',
]);

// Every Dash component has `id`, a string or a dict (pattern-matching ids), whatever its own
// propTypes say (html declares a string); TypeScript components get it from the renderer's
// BaseDashProps through Pick<>, which react-docgen does not expand.
const ID_PROP = {
  type: { kind: 'union', members: [{ kind: 'string' }, { kind: 'object' }] },
  required: false,
  description: 'The ID of this component, used to identify dash components in callbacks.',
};

function literalValue(text) {
  const trimmed = String(text).trim();
  if (/^(['"`]).*\1$/s.test(trimmed)) return trimmed.slice(1, -1);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  return undefined;
}

// A union of members: nulls dropped, nested unions flattened, literals folded into an enum.
function union(members) {
  const flat = [];
  for (const member of members) {
    if (!member || member.kind === 'null') continue;
    if (member.kind === 'union') flat.push(...member.members);
    else flat.push(member);
  }
  if (flat.length === 0) return { kind: 'any' };
  const enums = flat.filter((m) => m.kind === 'enum');
  const rest = flat.filter((m) => m.kind !== 'enum');
  const merged = enums.length ? [{ kind: 'enum', values: enums.flatMap((e) => e.values) }] : [];
  const all = [...merged, ...rest];
  if (all.some((m) => m.kind === 'any')) return { kind: 'any' };
  return all.length === 1 ? all[0] : { kind: 'union', members: all };
}

function fromPropTypes(type) {
  if (!type) return { kind: 'any' };
  switch (type.name) {
    case 'string': return { kind: 'string' };
    case 'number': return { kind: 'number' };
    case 'bool': return { kind: 'bool' };
    case 'func': return { kind: 'func' };
    case 'node': case 'element': case 'elementType': return { kind: 'node' };
    case 'array': return { kind: 'array' };
    case 'object': return { kind: 'object' };
    case 'arrayOf': return { kind: 'array', of: fromPropTypes(type.value) };
    case 'objectOf': return { kind: 'object', of: fromPropTypes(type.value) };
    case 'shape':
    case 'exact': {
      if (typeof type.value !== 'object' || type.computed) return { kind: 'object' };
      const fields = {};
      for (const [name, field] of Object.entries(type.value))
        fields[name] = { type: fromPropTypes(field), required: !!field.required, description: field.description || '' };
      return { kind: 'object', fields };
    }
    case 'enum': {
      if (!Array.isArray(type.value)) return { kind: 'any' };
      const values = type.value.map((v) => literalValue(v.value));
      return values.every((v) => v !== undefined) ? { kind: 'enum', values } : { kind: 'any' };
    }
    case 'union': return union((type.value || []).map(fromPropTypes));
    default: return { kind: 'any' };
  }
}

function fromTypeScript(type) {
  if (!type) return { kind: 'any' };
  const name = type.name;
  if (NODE_NAMES.has(name)) return { kind: 'node' };
  switch (name) {
    case 'string': return { kind: 'string' };
    case 'number': return { kind: 'number' };
    case 'boolean': return { kind: 'bool' };
    case 'null': case 'undefined': case 'void': return { kind: 'null' };
    case 'literal': {
      // A template literal type (`${string}-${string}`) is a pattern of strings, not one value.
      if (/^`.*\$\{.*`$/s.test(String(type.value).trim())) return { kind: 'string' };
      const value = literalValue(type.value);
      return value === undefined ? { kind: 'any' } : { kind: 'enum', values: [value] };
    }
    case 'union': return union((type.elements || []).map(fromTypeScript));
    case 'Array': return { kind: 'array', of: fromTypeScript((type.elements || [])[0]) };
    case 'Record': return { kind: 'object', of: fromTypeScript((type.elements || [])[1]) };
    case 'signature': {
      if (type.type === 'function') return { kind: 'func' };
      const fields = {};
      for (const property of (type.signature && type.signature.properties) || []) {
        if (typeof property.key !== 'string') continue;
        fields[property.key] = {
          type: fromTypeScript(property.value),
          required: !!(property.value && property.value.required),
          description: property.description || '',
        };
      }
      return { kind: 'object', fields };
    }
    default:
      // Aliases react-docgen cannot resolve across files: no static type, JSON is accepted.
      return { kind: 'any', alias: name };
  }
}

function defaultValue(prop) {
  const value = prop.defaultValue;
  if (!value || value.computed) return undefined;
  return value.value;
}

export function normaliseComponent(doc) {
  const props = {};
  for (const [name, prop] of Object.entries(doc.props)) {
    if (name === 'setProps') continue;
    const type = prop.tsType ? fromTypeScript(prop.tsType) : fromPropTypes(prop.type);
    const entry = { type, required: !!prop.required, description: (prop.description || '').trim() };
    const fallback = defaultValue(prop);
    if (fallback !== undefined) entry.default = fallback;
    props[name] = entry;
  }
  props.id = {
    ...ID_PROP,
    required: !!(props.id && props.id.required),
    description: (props.id && props.id.description) || ID_PROP.description,
  };
  return { description: (doc.description || '').trim(), props };
}
