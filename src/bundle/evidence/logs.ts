/**
 * CloudWatch Logs JSON filter patterns (`{ ($.eventName = ConsoleLogin) && … }`), parsed once so a
 * check can ask whether a metric filter matches a given event. Space-delimited and term patterns are
 * not parsed: they cannot select CloudTrail fields reliably, so no check relies on them.
 */

/** A parsed JSON filter pattern. */
export type FilterExpression =
  | { kind: 'and' | 'or'; parts: FilterExpression[] }
  | { kind: 'compare'; path: (string | number)[]; operator: '=' | '!=' | '<' | '>' | '<=' | '>='; value: string; quoted: boolean }
  | { kind: 'test'; path: (string | number)[]; test: 'exists' | 'not-exists' | 'null' | 'true' | 'false' };

/** A filter pattern parsed, or why it could not be. */
export type ParsedFilterPattern = { ok: true; expression: FilterExpression } | { ok: false; reason: string };

type Token = { type: 'punct'; text: string } | { type: 'selector'; text: string } | { type: 'word'; text: string; quoted: boolean };

/** Parses a JSON filter pattern. `&&` binds tighter than `||`; parentheses group. */
export function parseFilterPattern(pattern: string): ParsedFilterPattern {
  try {
    const tokens = tokenize(pattern.trim());
    const first = tokens.shift();
    const last = tokens.pop();
    if (first?.text !== '{' || last?.text !== '}' || first.type !== 'punct' || last.type !== 'punct') {
      return { ok: false, reason: 'not a JSON filter pattern ({ … })' };
    }
    const parser = new Parser(tokens);
    const expression = parser.or();
    parser.end();
    return { ok: true, expression };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether a JSON log event (a CloudTrail record) matches a parsed filter pattern. */
export function filterMatches(expression: FilterExpression, event: unknown): boolean {
  switch (expression.kind) {
    case 'and':
      return expression.parts.every((p) => filterMatches(p, event));
    case 'or':
      return expression.parts.some((p) => filterMatches(p, event));
    case 'test': {
      const found = lookup(event, expression.path);
      if (expression.test === 'exists') return found.present;
      if (expression.test === 'not-exists') return !found.present;
      if (expression.test === 'null') return found.present && found.value === null;
      return found.present && found.value === (expression.test === 'true');
    }
    case 'compare': {
      const found = lookup(event, expression.path);
      if (!found.present || found.value === null || typeof found.value === 'object') return expression.operator === '!=';
      return compare(found.value as string | number | boolean, expression);
    }
  }
}

function compare(actual: string | number | boolean, { operator, value, quoted }: Extract<FilterExpression, { kind: 'compare' }>): boolean {
  const number = Number(value);
  if (operator !== '=' && operator !== '!=') {
    if (typeof actual !== 'number' || Number.isNaN(number)) return false;
    return operator === '<'
      ? actual < number
      : operator === '>'
        ? actual > number
        : operator === '<='
          ? actual <= number
          : actual >= number;
  }
  let equal: boolean;
  if (!quoted && value.length > 2 && value.startsWith('%') && value.endsWith('%')) {
    // The parser rejected patterns whose expression is not valid; this guard keeps a match total.
    const pattern = regexOf(value);
    equal = pattern !== undefined && pattern.test(String(actual));
  } else if (typeof actual === 'number' && !quoted && !Number.isNaN(number)) {
    equal = actual === number;
  } else {
    const source = value
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    equal = new RegExp(`^${source}$`, 's').test(String(actual));
  }
  return operator === '=' ? equal : !equal;
}

/** The regular expression of an unquoted `%…%` value, or undefined when it is not one or not valid. */
function regexOf(value: string): RegExp | undefined {
  try {
    return new RegExp(value.slice(1, -1));
  } catch {
    return undefined;
  }
}

function lookup(event: unknown, path: (string | number)[]): { present: boolean; value?: unknown } {
  let current: unknown = event;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return { present: false };
    const record = current as Record<string | number, unknown>;
    if (!(step in record)) return { present: false };
    current = record[step];
  }
  return { present: true, value: current };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if ('{}()'.includes(c)) {
      tokens.push({ type: 'punct', text: c });
      i++;
    } else if (
      text.startsWith('&&', i) ||
      text.startsWith('||', i) ||
      text.startsWith('!=', i) ||
      text.startsWith('<=', i) ||
      text.startsWith('>=', i)
    ) {
      tokens.push({ type: 'punct', text: text.slice(i, i + 2) });
      i += 2;
    } else if ('=<>'.includes(c)) {
      tokens.push({ type: 'punct', text: c });
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new Error('a quoted value is not closed');
      i++;
      tokens.push({ type: 'word', text: value, quoted: true });
    } else {
      const start = i;
      while (
        i < text.length &&
        !/\s/.test(text[i] as string) &&
        !'{}()=<>!"'.includes(text[i] as string) &&
        !text.startsWith('&&', i) &&
        !text.startsWith('||', i)
      )
        i++;
      if (i === start) throw new Error(`unexpected "${c}" at character ${i + 1}`);
      const word = text.slice(start, i);
      tokens.push(word.startsWith('$') ? { type: 'selector', text: word } : { type: 'word', text: word, quoted: false });
    }
  }
  return tokens;
}

class Parser {
  constructor(private readonly tokens: Token[]) {}

  or(): FilterExpression {
    const parts = [this.and()];
    while (this.peek('||')) {
      this.tokens.shift();
      parts.push(this.and());
    }
    return parts.length === 1 ? (parts[0] as FilterExpression) : { kind: 'or', parts };
  }

  and(): FilterExpression {
    const parts = [this.primary()];
    while (this.peek('&&')) {
      this.tokens.shift();
      parts.push(this.primary());
    }
    return parts.length === 1 ? (parts[0] as FilterExpression) : { kind: 'and', parts };
  }

  end(): void {
    const next = this.tokens[0];
    if (next) throw new Error(`unexpected "${next.text}"`);
  }

  private primary(): FilterExpression {
    const token = this.tokens.shift();
    if (!token) throw new Error('the pattern ends too early');
    if (token.type === 'punct' && token.text === '(') {
      const inner = this.or();
      if (!this.peek(')')) throw new Error('a parenthesis is not closed');
      this.tokens.shift();
      return inner;
    }
    if (token.type !== 'selector') throw new Error(`expected a $. selector, found "${token.text}"`);
    const path = parsePath(token.text);
    const next = this.tokens.shift();
    if (next?.type === 'punct' && ['=', '!=', '<', '>', '<=', '>='].includes(next.text)) {
      const value = this.tokens.shift();
      if (value?.type !== 'word') throw new Error(`${token.text} ${next.text} has no value`);
      if (!value.quoted && value.text.length > 2 && value.text.startsWith('%') && value.text.endsWith('%') && !regexOf(value.text)) {
        throw new Error(`${token.text} ${next.text} ${value.text} is not a valid regular expression`);
      }
      return { kind: 'compare', path, operator: next.text as '=', value: value.text, quoted: value.quoted };
    }
    const keyword = (t: Token | undefined): string => (t?.type === 'word' && !t.quoted ? t.text.toUpperCase() : '');
    if (keyword(next) === 'EXISTS') return { kind: 'test', path, test: 'exists' };
    if (keyword(next) === 'NOT' && keyword(this.tokens.shift()) === 'EXISTS') return { kind: 'test', path, test: 'not-exists' };
    if (keyword(next) === 'IS') {
      const what = keyword(this.tokens.shift());
      if (what === 'NULL' || what === 'TRUE' || what === 'FALSE') return { kind: 'test', path, test: what.toLowerCase() as 'null' };
    }
    throw new Error(`${token.text} is not followed by an operator`);
  }

  private peek(text: string): boolean {
    const next = this.tokens[0];
    return next?.type === 'punct' && next.text === text;
  }
}

function parsePath(selector: string): (string | number)[] {
  if (!selector.startsWith('$.') && !selector.startsWith('$[')) throw new Error(`${selector} is not a $. selector`);
  const path: (string | number)[] = [];
  for (const match of selector.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    path.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return path;
}
