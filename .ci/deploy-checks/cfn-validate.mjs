// Validates a CloudFormation / SAM template against the resource specification published in
// @aws-cdk/cfnspec (CloudFormation resource types and the SAM resource types): every resource type exists,
// every property is known and of the right shape, required properties are present, and every Ref, GetAtt,
// Sub variable, condition and DependsOn names something the template or AWS defines.
//
// Usage: node cfn-validate.mjs template.yaml
// Prints one problem a line and exits 1 when there are any; prints a summary and exits 0 otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const spec = require('@aws-cdk/cfnspec/spec/specification.json');

// CloudFormation's short-form intrinsic functions, as js-yaml types producing the long form.
const INTRINSICS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join',
  'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'];
const longName = (t) => (t === 'Ref' || t === 'Condition' ? t : `Fn::${t}`);
const types = [];
for (const t of INTRINSICS) {
  for (const kind of ['scalar', 'sequence', 'mapping']) {
    types.push(new yaml.Type(`!${t}`, {
      kind,
      construct: (data) => ({ [longName(t)]: t === 'GetAtt' && typeof data === 'string' ? data.split('.') : data }),
    }));
  }
}
const SCHEMA = yaml.DEFAULT_SCHEMA.extend(types);

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const PARAMETER_TYPES = /^(String|Number|CommaDelimitedList|List<Number>|AWS::SSM::Parameter::.+|AWS::EC2::[A-Za-z]+::[A-Za-z]+|List<AWS::EC2::[A-Za-z]+::[A-Za-z]+>)$/;
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Transform', 'Description', 'Metadata', 'Parameters', 'Mappings',
  'Conditions', 'Globals', 'Resources', 'Outputs', 'Rules']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy',
  'Metadata', 'CreationPolicy', 'UpdatePolicy']);
// Attributes of SAM resources (the SAM part of the specification lists none) and what SAM generates from them.
const SAM_ATTRIBUTES = { 'AWS::Serverless::Function': ['Arn'], 'AWS::Serverless::HttpApi': ['ApiEndpoint'] };
// SAM event source types and the specification's property type for each.
const SAM_EVENTS = {
  S3: 'S3Event', SNS: 'SNSEvent', SQS: 'SQSEvent', Kinesis: 'KinesisEvent', DynamoDB: 'DynamoDBEvent', Api: 'ApiEvent',
  Schedule: 'ScheduleEvent', CloudWatchEvent: 'CloudWatchEventEvent', EventBridgeRule: 'EventBridgeRuleEvent',
  CloudWatchLogs: 'CloudWatchLogsEvent', IoTRule: 'IoTRuleEvent', AlexaSkill: 'AlexaSkillEvent', HttpApi: 'HttpApiEvent',
};

export function validate(text) {
  const problems = [];
  let t;
  try {
    t = yaml.load(text, { schema: SCHEMA });
  } catch (e) {
    return [`not valid YAML: ${e.message}`];
  }
  if (!t || typeof t !== 'object') {
    return ['the template is empty'];
  }
  for (const key of Object.keys(t)) {
    if (!TOP_LEVEL.has(key)) problems.push(`unknown top-level section ${key}`);
  }
  const params = t.Parameters ?? {};
  const resources = t.Resources ?? {};
  const conditions = t.Conditions ?? {};
  if (Object.keys(resources).length === 0) problems.push('no Resources');

  for (const [name, p] of Object.entries(params)) {
    if (!PARAMETER_TYPES.test(p.Type ?? '')) problems.push(`parameter ${name}: unknown type ${p.Type}`);
    if (p.AllowedValues && p.Default !== undefined && !p.AllowedValues.map(String).includes(String(p.Default))) {
      problems.push(`parameter ${name}: default ${p.Default} is not one of its AllowedValues`);
    }
  }

  const aliases = new Set();
  for (const [name, r] of Object.entries(resources)) {
    const globalAlias = t.Globals?.Function?.AutoPublishAlias;
    if (r.Type === 'AWS::Serverless::Function' && (r.Properties?.AutoPublishAlias ?? globalAlias)) {
      aliases.add(`${name}.Alias`);
      aliases.add(`${name}.Version`);
    }
  }
  const isRefTarget = (n) => n in params || n in resources || PSEUDO.has(n) || aliases.has(n);

  const checkRefs = (value, where) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => checkRefs(v, `${where}[${i}]`));
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref') {
        if (typeof v !== 'string' || !isRefTarget(v)) problems.push(`${where}: Ref to unknown ${JSON.stringify(v)}`);
      } else if (k === 'Fn::GetAtt') {
        const [res, ...attr] = Array.isArray(v) ? v : String(v).split('.');
        const target = resources[res];
        if (!target) {
          problems.push(`${where}: GetAtt of unknown resource ${res}`);
        } else {
          const known = Object.keys(spec.ResourceTypes[target.Type]?.Attributes ?? {})
            .concat(SAM_ATTRIBUTES[target.Type] ?? []);
          // A custom resource's attributes are the Data its provider answers: any name may be read.
          const customData = target.Type === 'AWS::CloudFormation::CustomResource' || String(target.Type).startsWith('Custom::');
          if (!customData && !known.includes(attr.join('.'))) problems.push(`${where}: ${target.Type} has no attribute ${attr.join('.')}`);
        }
      } else if (k === 'Fn::Sub') {
        const [str, vars] = Array.isArray(v) ? v : [v, {}];
        if (typeof str !== 'string') {
          problems.push(`${where}: Sub needs a string`);
        } else {
          for (const m of str.matchAll(/\$\{([^}!][^}]*)\}/g)) {
            const ref = m[1];
            if (vars && ref in vars) continue;
            const [head, ...rest] = ref.split('.');
            if (rest.length === 0 ? !isRefTarget(head) : !(head in resources) && !aliases.has(ref)) {
              problems.push(`${where}: Sub names unknown \${${ref}}`);
            }
          }
          if (vars) checkRefs(vars, where);
        }
      } else if (k === 'Fn::If') {
        if (!Array.isArray(v) || v.length !== 3) problems.push(`${where}: If takes [condition, then, else]`);
        else if (!(v[0] in conditions)) problems.push(`${where}: If on unknown condition ${v[0]}`);
        checkRefs(Array.isArray(v) ? v.slice(1) : v, where);
      } else if (k === 'Condition' && typeof v === 'string' && where.includes('Conditions')) {
        if (!(v in conditions)) problems.push(`${where}: unknown condition ${v}`);
      } else {
        checkRefs(v, `${where}.${k}`);
      }
    }
  };

  const isIntrinsic = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1
    && (Object.keys(v)[0] === 'Ref' || Object.keys(v)[0].startsWith('Fn::'));

  const primitiveOk = (type, v) => {
    if (isIntrinsic(v)) return true;
    switch (type) {
      case 'String': return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      case 'Integer': case 'Long': return Number.isInteger(Number(v)) && v !== '' && typeof v !== 'boolean';
      case 'Double': return !Number.isNaN(Number(v)) && typeof v !== 'boolean';
      case 'Boolean': return typeof v === 'boolean' || v === 'true' || v === 'false';
      case 'Json': return typeof v === 'object' || typeof v === 'string';
      case 'Timestamp': return typeof v === 'string';
      default: return true;
    }
  };

  // Checks one value against a property definition of the specification.
  const checkValue = (resourceType, def, v, where) => {
    if (isIntrinsic(v)) return;
    if (def.Type === 'List') {
      if (!Array.isArray(v)) {
        if (!(def.PrimitiveTypes || def.Types)) problems.push(`${where}: expected a list`);
        else checkAlternatives(resourceType, def, v, where);
        return;
      }
      v.forEach((item, i) => {
        if (isIntrinsic(item)) return;
        if (def.PrimitiveItemType) {
          if (!primitiveOk(def.PrimitiveItemType, item)) problems.push(`${where}[${i}]: expected ${def.PrimitiveItemType}`);
        } else if (def.ItemType) {
          checkType(resourceType, def.ItemType, item, `${where}[${i}]`);
        } else if (def.InclusiveItemTypes || def.InclusivePrimitiveItemTypes) {
          if (typeof item !== 'object' && typeof item !== 'string') problems.push(`${where}[${i}]: unexpected value`);
        }
      });
      return;
    }
    if (def.Type === 'Map') {
      if (typeof v !== 'object' || Array.isArray(v)) {
        problems.push(`${where}: expected a map`);
        return;
      }
      for (const [k, item] of Object.entries(v)) {
        if (isIntrinsic(item)) continue;
        if (def.PrimitiveItemType) {
          if (!primitiveOk(def.PrimitiveItemType, item)) problems.push(`${where}.${k}: expected ${def.PrimitiveItemType}`);
        } else if (def.ItemType) {
          checkType(resourceType, def.ItemType, item, `${where}.${k}`);
        }
      }
      return;
    }
    if (def.PrimitiveType) {
      if (!primitiveOk(def.PrimitiveType, v)) problems.push(`${where}: expected ${def.PrimitiveType}, got ${JSON.stringify(v)}`);
      return;
    }
    if (def.Type) {
      checkType(resourceType, def.Type, v, where);
      return;
    }
    checkAlternatives(resourceType, def, v, where);
  };

  const checkAlternatives = (resourceType, def, v, where) => {
    const prims = def.PrimitiveTypes ?? [];
    const complex = def.Types ?? [];
    if (prims.some((p) => p !== 'Json' && typeof v !== 'object' && primitiveOk(p, v))) return;
    if (typeof v === 'object' && !Array.isArray(v) && complex.length > 0) {
      const before = problems.length;
      const attempts = complex.map((c) => {
        const saved = problems.splice(before);
        checkType(resourceType, c, v, where);
        const found = problems.splice(before);
        problems.push(...saved);
        return found;
      });
      const best = attempts.reduce((a, b) => (b.length < a.length ? b : a));
      problems.push(...best);
      return;
    }
    if (prims.includes('Json') || (typeof v === 'object' && complex.length > 0)) return;
    problems.push(`${where}: unexpected value ${JSON.stringify(v)}`);
  };

  const propertyType = (resourceType, name) => spec.PropertyTypes[`${resourceType}.${name}`] ?? spec.PropertyTypes[name];

  const checkType = (resourceType, typeName, v, where) => {
    if (isIntrinsic(v)) return;
    const type = propertyType(resourceType, typeName);
    if (!type) return;
    if (typeof v !== 'object' || Array.isArray(v)) {
      problems.push(`${where}: expected ${typeName} (an object)`);
      return;
    }
    if (resourceType === 'AWS::Serverless::Function' && typeName === 'EventSource') {
      checkEvent(v, where);
      return;
    }
    checkProperties(resourceType, type.Properties ?? {}, v, where, typeName);
  };

  const checkProperties = (resourceType, defs, props, where, typeName, provided = {}) => {
    for (const [k, v] of Object.entries(props)) {
      const def = defs[k];
      if (!def) {
        problems.push(`${where}: ${k} is not a property of ${typeName}`);
        continue;
      }
      checkValue(resourceType, def, v, `${where}.${k}`);
    }
    for (const [k, def] of Object.entries(defs)) {
      if (def.Required && !(k in props) && !(k in provided)) problems.push(`${where}: required property ${k} is missing`);
    }
  };

  const apiAuthorizers = new Map();
  for (const [name, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::Serverless::HttpApi') {
      apiAuthorizers.set(name, new Set(Object.keys(r.Properties?.Auth?.Authorizers ?? {})));
    }
  }

  const checkEvent = (event, where) => {
    const source = SAM_EVENTS[event.Type];
    if (!source) {
      problems.push(`${where}: unknown event type ${event.Type}`);
      return;
    }
    for (const k of Object.keys(event)) {
      if (k !== 'Type' && k !== 'Properties') problems.push(`${where}: ${k} is not a key of an event`);
    }
    const props = event.Properties ?? {};
    const def = spec.PropertyTypes[`AWS::Serverless::Function.${source}`];
    checkProperties('AWS::Serverless::Function', def.Properties, props, `${where}.Properties`, source);
    if (event.Type === 'HttpApi') {
      const api = props.ApiId?.Ref;
      if (!api || !apiAuthorizers.has(api)) problems.push(`${where}: ApiId must Ref an AWS::Serverless::HttpApi of this template`);
      const authorizer = props.Auth?.Authorizer;
      if (api && authorizer && authorizer !== 'NONE' && !apiAuthorizers.get(api)?.has(authorizer)) {
        problems.push(`${where}: authorizer ${authorizer} is not defined on ${api}`);
      }
      if (typeof props.Path === 'string' && !props.Path.startsWith('/')) problems.push(`${where}: Path must start with /`);
      const method = String(props.Method ?? '').toUpperCase();
      if (!['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'].includes(method)) {
        problems.push(`${where}: unknown Method ${props.Method}`);
      }
    }
    if (event.Type === 'Schedule') {
      const expr = props.Schedule;
      if (typeof expr === 'string' && !/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/.test(expr)) {
        problems.push(`${where}: ${expr} is not a schedule expression`);
      }
      if (props.Input && !isIntrinsic(props.Input)) {
        try { JSON.parse(props.Input); } catch (e) { problems.push(`${where}: Input is not JSON: ${e.message}`); }
      }
    }
  };

  const globals = t.Globals?.Function ?? {};
  const functionSpec = spec.ResourceTypes['AWS::Serverless::Function'];
  for (const [k, v] of Object.entries(globals)) {
    if (!functionSpec.Properties[k] || ['FunctionName', 'Events', 'Role', 'Policies'].includes(k)) {
      problems.push(`Globals.Function: ${k} cannot be set globally`);
    } else {
      checkValue('AWS::Serverless::Function', functionSpec.Properties[k], v, `Globals.Function.${k}`);
    }
  }
  for (const section of Object.keys(t.Globals ?? {})) {
    if (!['Function', 'Api', 'HttpApi', 'SimpleTable', 'StateMachine', 'LayerVersion'].includes(section)) {
      problems.push(`Globals: unknown section ${section}`);
    }
  }

  for (const [name, r] of Object.entries(resources)) {
    const where = `Resources.${name}`;
    for (const k of Object.keys(r)) {
      if (!RESOURCE_KEYS.has(k)) problems.push(`${where}: unknown key ${k}`);
    }
    // A custom resource's properties other than ServiceToken are the provider's own: only their references are
    // checked.
    const custom = r.Type === 'AWS::CloudFormation::CustomResource' || /^Custom::[A-Za-z0-9_@-]+$/.test(r.Type ?? '');
    const rt = spec.ResourceTypes[custom ? 'AWS::CloudFormation::CustomResource' : r.Type];
    if (!rt) {
      problems.push(`${where}: unknown resource type ${r.Type}`);
      continue;
    }
    if (r.Condition && !(r.Condition in conditions)) problems.push(`${where}: unknown condition ${r.Condition}`);
    for (const dep of [].concat(r.DependsOn ?? [])) {
      if (!(dep in resources)) problems.push(`${where}: DependsOn unknown resource ${dep}`);
    }
    const provided = r.Type === 'AWS::Serverless::Function' ? globals : {};
    if (custom) {
      if (!r.Properties?.ServiceToken) problems.push(`${where}: a custom resource needs a ServiceToken`);
    } else {
      checkProperties(r.Type, rt.Properties ?? {}, r.Properties ?? {}, `${where}.Properties`, r.Type, provided);
    }
    checkRefs(r.Properties ?? {}, `${where}.Properties`);
    if (r.Type === 'AWS::Serverless::Function') {
      const p = { ...globals, ...(r.Properties ?? {}) };
      if (!p.CodeUri && !p.InlineCode && !p.ImageUri) problems.push(`${where}: needs CodeUri, InlineCode or ImageUri`);
      if (p.ProvisionedConcurrencyConfig && !p.AutoPublishAlias) {
        problems.push(`${where}: ProvisionedConcurrencyConfig needs AutoPublishAlias`);
      }
    }
    if (r.Type === 'AWS::Serverless::HttpApi') {
      const auth = r.Properties?.Auth ?? {};
      for (const [an, a] of Object.entries(auth.Authorizers ?? {})) {
        if (a.JwtConfiguration && !a.IdentitySource) problems.push(`${where}: JWT authorizer ${an} needs IdentitySource`);
        if (a.JwtConfiguration && (!a.JwtConfiguration.issuer || !a.JwtConfiguration.audience)) {
          problems.push(`${where}: JWT authorizer ${an} needs issuer and audience`);
        }
      }
      if (auth.DefaultAuthorizer && !(auth.DefaultAuthorizer in (auth.Authorizers ?? {}))) {
        problems.push(`${where}: DefaultAuthorizer ${auth.DefaultAuthorizer} is not defined`);
      }
    }
  }
  checkRefs(globals, 'Globals.Function');
  checkRefs(conditions, 'Conditions');
  for (const [name, c] of Object.entries(conditions)) {
    if (!c || typeof c !== 'object' || !Object.keys(c)[0]?.startsWith('Fn::')) problems.push(`Conditions.${name}: not a condition function`);
  }
  for (const [name, o] of Object.entries(t.Outputs ?? {})) {
    if (o.Value === undefined) problems.push(`Outputs.${name}: needs a Value`);
    checkRefs(o, `Outputs.${name}`);
  }
  return problems;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node cfn-validate.mjs <template.yaml>');
    process.exit(2);
  }
  const problems = validate(readFileSync(file, 'utf8'));
  for (const p of problems) console.log(p);
  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(`${file}: valid against the CloudFormation resource specification ${spec.ResourceSpecificationVersion}`);
}
