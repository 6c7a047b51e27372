// C++ class text for one component: a constructor (children first when the component has them),
// a documented, typed setter per prop, data-/aria- wildcard setters, and set() as the escape hatch.

export const HEADER_PRELUDE = `#include <dash/component.hpp>
#include <dash/json.hpp>

#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>
`;

const KEYWORDS = new Set(`alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield
decltype default delete do double dynamic_cast else enum explicit export extern false float for friend goto if inline
int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public register
reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch template this
thread_local throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq
set get has_prop to_json to_string type_name namespace_name check_choice`.split(/\s+/));

// The setter name of a prop: C++ keywords, the class name, Component's own members and the
// component's wildcard setters (data, aria) get a trailing underscore.
export function identifier(prop, className, reserved = []) {
  let name = prop.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (KEYWORDS.has(name) || name === className || reserved.includes(name)) name += '_';
  return name;
}

export function wildcardMethods(component) {
  return Object.keys(component.props).filter((prop) => prop.endsWith('-*')).map((prop) => prop.slice(0, -2));
}

function cppLiteral(value) {
  return JSON.stringify(value);
}

function isStringEnum(type) {
  return type.kind === 'enum' && type.values.every((v) => typeof v === 'string');
}

// The parameter types (with an optional enum check) a prop's setter takes; [] means not settable.
export function parameterTypes(type) {
  switch (type.kind) {
    case 'func': return [];
    case 'string': return [{ cpp: 'std::string' }];
    case 'number': return [{ cpp: '::dash::Number' }];
    case 'bool': return [{ cpp: 'bool' }];
    case 'enum':
      return isStringEnum(type) ? [{ cpp: 'std::string', choices: type.values }] : [{ cpp: '::dash::Value', choices: type.values }];
    case 'array':
      if (type.of && type.of.kind === 'string') return [{ cpp: 'std::vector<std::string>' }];
      if (type.of && type.of.kind === 'number') return [{ cpp: 'std::vector<::dash::Number>' }];
      return [{ cpp: '::dash::Value' }];
    case 'union': {
      const simple = type.members.every((m) => ['string', 'number', 'bool'].includes(m.kind) || isStringEnum(m));
      if (!simple) return [{ cpp: '::dash::Value' }];
      const hasString = type.members.some((m) => m.kind === 'string');
      const result = [];
      const seen = new Set();
      for (const member of type.members) {
        const [parameter] = parameterTypes(member);
        if (parameter.choices && hasString) delete parameter.choices;
        if (seen.has(parameter.cpp)) continue;
        seen.add(parameter.cpp);
        result.push(parameter);
      }
      return result;
    }
    default: return [{ cpp: '::dash::Value' }];
  }
}

function typeDescription(type) {
  switch (type.kind) {
    case 'enum': return `one of ${type.values.map(cppLiteral).join(', ')}`;
    case 'array': return type.of ? `list of ${typeDescription(type.of)}` : 'list';
    case 'object': return type.of ? `dict of ${typeDescription(type.of)}` : type.fields ? `dict with keys ${Object.keys(type.fields).join(', ')}` : 'dict';
    case 'union': return type.members.map(typeDescription).join(' | ');
    case 'node': return 'a component, string, number or a list of them';
    case 'any': return type.alias ? `JSON (${type.alias})` : 'JSON';
    default: return type.kind;
  }
}

function docLines(text, indent) {
  return text
    .split('\n')
    .map((line) => `${indent}/// ${line}`.trimEnd())
    .join('\n');
}

function setter(className, prop, info, reserved) {
  const parameters = parameterTypes(info.type);
  if (parameters.length === 0) return '';
  const name = identifier(prop, className, reserved);
  const notes = [`Type: ${typeDescription(info.type)}.`];
  if (info.required) notes.push('Required.');
  if (info.default !== undefined) notes.push(`Default: ${String(info.default).replace(/\s+/g, ' ')}.`);
  const doc = docLines([info.description, notes.join(' ')].filter(Boolean).join('\n'), '    ');
  const bodies = parameters.map((parameter) => {
    const check = parameter.choices
      ? `        check_choice(${cppLiteral(prop)}, ::dash::Value(value), {${parameter.choices.map((c) => `::dash::Value(${cppLiteral(c)})`).join(', ')}});\n`
      : '';
    const argument = parameter.cpp.startsWith('std::') || parameter.cpp === '::dash::Value' ? 'std::move(value)' : 'value';
    return `    ${className}& ${name}(${parameter.cpp} value) {
${check}        put(${cppLiteral(prop)}, ${argument});
        return *this;
    }`;
  });
  return `${doc}\n${bodies.join('\n')}`;
}

function wildcardSetter(className, prefix) {
  const method = prefix.replace(/-$/, '');
  return `    /// Sets the wildcard attribute ${prefix}NAME: ${method}("label", value) sets "${prefix}label".
    ${className}& ${method}(const std::string& name, ::dash::Value value) {
        Component::set("${prefix}" + name, std::move(value));
        return *this;
    }`;
}

export function componentClass(className, component, namespace, manifest) {
  const props = component.props;
  const hasChildren = Object.prototype.hasOwnProperty.call(props, 'children');
  const constructor = hasChildren
    ? `    /// children: the component's content (components, strings, numbers, lists of them).
    explicit ${className}(::dash::Value children = ::dash::Value()) : Component(${cppLiteral(namespace)}, ${cppLiteral(className)}) {
        put("children", std::move(children));
    }
    /// A list of children: ${className}({a, b}); also for one child in a list, ${className}({a}).
    explicit ${className}(std::initializer_list<::dash::Value> children)
        : ${className}(::dash::Value(children)) {}
    /// One ${className} as the only child nests it, as in Python: ${className}(${className}().id("x")).
    /// (A template, so never the copy constructor: "auto copy = other;" still copies.)
    template <class Child, std::enable_if_t<std::is_same_v<Child, ${className}>, int> = 0>
    explicit ${className}(Child& child)
        : ${className}(::dash::Value(static_cast<const ::dash::Component&>(child))) {}`
    : `    ${className}() : Component(${cppLiteral(namespace)}, ${cppLiteral(className)}) {}`;
  const setters = Object.keys(props)
    .filter((prop) => !prop.endsWith('-*'))
    .sort()
    .map((prop) => setter(className, prop, props[prop], wildcardMethods(component)))
    .filter(Boolean);
  const wildcards = Object.keys(props)
    .filter((prop) => prop.endsWith('-*'))
    .map((prop) => wildcardSetter(className, prop.slice(0, -1)));
  const description = component.description || `The ${className} component of ${namespace}.`;
  return `${docLines(description, '')}
/// (${manifest.cpp_namespace}.${className}; JavaScript ${namespace}.${className})
class ${className} : public ::dash::Component {
public:
${constructor}

${[...setters, ...wildcards].join('\n\n')}

    /// Any prop by name; the host refuses names the component does not have.
    ${className}& set(const std::string& name, ::dash::Value value) {
        Component::set(name, std::move(value));
        return *this;
    }
};
`;
}
