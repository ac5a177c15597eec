#!/usr/bin/env node
// Builds dockerfile.tmLanguage.json (scopeName source.dockerfile).
//
//   node build-grammar.mjs           write the grammar next to this script
//   node build-grammar.mjs --check   exit 1 if the committed grammar is stale
//
// Why a generator: a Dockerfile's escape character is `\` unless the parser
// directive `# escape=`` ` switches it to a backtick, and that character
// decides where every instruction ends (line continuation) and what counts
// as an escape. TextMate grammars cannot take parameters, so every rule that
// depends on the escape character exists twice: once as `name` (backslash)
// and once as `name-bt` (backtick). Writing both copies by hand would drift;
// this script writes them from one description.
//
// Grammar facts follow BuildKit (frontend/dockerfile/parser, shell/lex.go);
// see shared/reference/buildkit-grammar.md in the project.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'dockerfile.tmLanguage.json');

const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK',
  'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

// `# key=value` parser directives BuildKit knows; an unknown key is a comment.
const DIRECTIVE = String.raw`[ \t]*#[ \t]*(?i:syntax|escape|check)[ \t]*=[ \t]*\S`;

// `$NAME` / `${...}` as one unit, for splitting image references and users
// on `:` without cutting `${VAR:-default}` in half.
const VAR_UNIT = String.raw`\$\{[^}\s]*\}|\$[A-Za-z0-9_]+`;

const name = (n) => ({ name: n });

/** Rules that do not depend on the escape character (emitted once). */
function sharedRules() {
  const directiveHead = (key) =>
    String.raw`^([ \t]*)(#)[ \t]*((?i:${key}))[ \t]*(=)[ \t]*`;
  const headCaptures = {
    2: name('punctuation.definition.directive.dockerfile'),
    3: name('keyword.control.directive.dockerfile'),
    4: name('keyword.operator.assignment.dockerfile'),
  };
  return {
    comment: {
      // A comment is a line whose first non-blank character is `#`.
      match: String.raw`^([ \t]*)((#).*)$`,
      captures: {
        2: name('comment.line.number-sign.dockerfile'),
        3: name('punctuation.definition.comment.dockerfile'),
      },
    },
    'directive-syntax': {
      match: directiveHead('syntax') + String.raw`(.+?)[ \t]*$`,
      name: 'meta.preprocessor.directive.dockerfile',
      captures: { ...headCaptures, 5: { patterns: [{ include: '#syntax-image' }] } },
    },
    'syntax-image': {
      match: String.raw`([^\s:@]+(?::\d+/[^\s:@]+)?)(?:(:)([^\s@]+))?(?:(@)(\S+))?`,
      captures: {
        1: name('entity.name.type.image.dockerfile'),
        2: name('punctuation.separator.tag.dockerfile'),
        3: name('constant.other.tag.dockerfile'),
        4: name('punctuation.separator.digest.dockerfile'),
        5: name('constant.other.digest.dockerfile'),
      },
    },
    'directive-escape': {
      match: directiveHead('escape') + String.raw`(?:([\\` + '`' + String.raw`])|(.+?))[ \t]*$`,
      name: 'meta.preprocessor.directive.dockerfile',
      captures: {
        ...headCaptures,
        5: name('constant.character.escape.dockerfile'),
        6: name('invalid.illegal.escape-token.dockerfile'),
      },
    },
    // `# check=skip=A,B;error=true` — a parser directive at the top of the
    // file, and (BuildKit ≥ late 2025) also a comment above one instruction.
    // Text after the first blank is ignored.
    'check-comment': {
      match: directiveHead('check') + String.raw`(\S+)(.*)$`,
      name: 'meta.preprocessor.directive.dockerfile',
      captures: {
        ...headCaptures,
        5: { patterns: [{ include: '#check-options' }] },
        6: name('comment.line.number-sign.dockerfile'),
      },
    },
    'check-options': {
      patterns: [
        {
          match: String.raw`\b(skip|error|experimental)(=)`,
          captures: {
            1: name('variable.parameter.check-option.dockerfile'),
            2: name('keyword.operator.assignment.dockerfile'),
          },
        },
        { match: String.raw`(?<==)(?:true|false)\b`, name: 'constant.language.boolean.dockerfile' },
        { match: String.raw`(?<=[=,])all(?=[,;]|$)`, name: 'constant.language.all.dockerfile' },
        { match: String.raw`[A-Za-z][A-Za-z0-9]*`, name: 'support.constant.rule.dockerfile' },
        { match: ',', name: 'punctuation.separator.comma.dockerfile' },
        { match: ';', name: 'punctuation.separator.semicolon.dockerfile' },
      ],
    },
    directive: {
      patterns: [
        { include: '#directive-syntax' },
        { include: '#directive-escape' },
        { include: '#check-comment' },
      ],
    },
  };
}

/**
 * Rules that depend on the escape character.
 * @param {{sfx: string, E: string, shell: boolean}} m
 */
function modeRules(m) {
  const { sfx, E, shell } = m;
  const ref = (n) => ({ include: `#${n}${sfx}` });
  const shared = (n) => ({ include: `#${n}` });

  // End of a logical line: the newline, unless this physical line ends in a
  // line continuation (escape char + optional blanks, BuildKit's
  // `([^\\])\\[ \t]*$|^\\[ \t]*$`), is blank, or is a comment line — blank
  // and comment lines inside a continued instruction are skipped by BuildKit
  // and the instruction goes on.
  const END = String.raw`(?=\n)(?<!^[ \t]*|^[ \t]*#.*|(?<!${E})${E}[ \t]*)`;
  // Where the argument part of an instruction starts (first non-blank).
  const FIRST = String.raw`(?=[^ \t\n])`;
  // At the start of the arguments: right after the keyword, or at the start
  // of a continuation line reached before any argument.
  const AT_START = String.raw`(?:\G[ \t]+|^[ \t]*)(?!${E}[ \t]*$)`;
  // Start of a word: not after a non-blank and not after an escaped blank.
  const WORD_START = String.raw`(?<![^ \t\n])(?<!${E}[ \t])`;
  const FLAG_VALUE = String.raw`(?:"(?:[^"${E}\n]|${E}.)*"|'[^'\n]*'|[^\s"'])+`;
  const USER_NAME = String.raw`(?:${VAR_UNIT}|[^\s:$])+`;
  const USER_GROUP = String.raw`(?:(\d+)|(${USER_NAME}))(?:(:)(?:(\d+)|(${USER_NAME})))?`;
  const userGroupCaptures = (o) => ({
    [o + 1]: name('constant.numeric.integer.user.dockerfile'),
    [o + 2]: { name: 'entity.name.user.dockerfile', patterns: [ref('variables')] },
    [o + 3]: name('punctuation.separator.user-group.dockerfile'),
    [o + 4]: name('constant.numeric.integer.group.dockerfile'),
    [o + 5]: { name: 'entity.name.group.dockerfile', patterns: [ref('variables')] },
  });
  const IMAGE_REF = String.raw`((?:[^\s/:@$"']+(?::\d+)?/)?(?:${VAR_UNIT}|[^\s:@$])+)(?:(:)((?:${VAR_UNIT}|[^\s@$])+))?(?:(@)((?:${VAR_UNIT}|[^\s$])+))?`;
  const imageCaptures = (o) => ({
    [o + 1]: { name: 'entity.name.type.image.dockerfile', patterns: [ref('variables')] },
    [o + 2]: name('punctuation.separator.tag.dockerfile'),
    [o + 3]: { name: 'constant.other.tag.dockerfile', patterns: [ref('variables')] },
    [o + 4]: name('punctuation.separator.digest.dockerfile'),
    [o + 5]: { name: 'constant.other.digest.dockerfile', patterns: [ref('variables')] },
  });
  const flagCaptures = {
    1: name('variable.parameter.flag.dockerfile'),
    2: name('punctuation.definition.flag.dockerfile'),
    3: name('keyword.operator.assignment.dockerfile'),
  };
  const flag = (flagName, value) => String.raw`(?<![^\s])((--)${flagName})(=)${value}(?=\s|$)`;

  const r = {};

  r['line-continuation'] = {
    match: String.raw`(?<!${E})${E}(?=[ \t]*$)`,
    name: 'constant.character.escape.line-continuation.dockerfile',
  };
  r.escape = { match: `${E}.`, name: 'constant.character.escape.dockerfile' };

  // ---- variables (BuildKit shell/lex.go) -------------------------------
  r.variables = {
    patterns: [ref('variable-replace'), ref('variable-braced'), ref('variable-simple')],
  };
  r['variable-simple'] = {
    match: String.raw`(\$)[A-Za-z0-9_]+`,
    name: 'variable.other.dockerfile',
    captures: { 1: name('punctuation.definition.variable.dockerfile') },
  };
  // ${VAR/pattern/replacement} and ${VAR//pattern/replacement}
  r['variable-replace'] = {
    begin: String.raw`(\$\{)([A-Za-z0-9_]+)(//?)((?:[^/}${E}\n]|${E}.)*)(/)?`,
    beginCaptures: {
      1: name('punctuation.definition.variable.begin.dockerfile'),
      2: name('variable.other.dockerfile'),
      3: name('keyword.operator.expansion.dockerfile'),
      4: { patterns: [ref('escape')] },
      5: name('punctuation.separator.expansion.dockerfile'),
    },
    end: String.raw`(\})|${END}`,
    endCaptures: { 1: name('punctuation.definition.variable.end.dockerfile') },
    name: 'meta.interpolation.variable.dockerfile',
    patterns: [shared('comment'), ref('line-continuation'), ref('variables'), ref('escape')],
  };
  // ${VAR} ${VAR:-w} ${VAR-w} ${VAR:+w} ${VAR+w} ${VAR:?m} ${VAR?m}
  // ${VAR#g} ${VAR##g} ${VAR%g} ${VAR%%g}
  r['variable-braced'] = {
    begin: String.raw`(\$\{)([A-Za-z0-9_]*)`,
    beginCaptures: {
      1: name('punctuation.definition.variable.begin.dockerfile'),
      2: name('variable.other.dockerfile'),
    },
    end: String.raw`(\})|${END}`,
    endCaptures: { 1: name('punctuation.definition.variable.end.dockerfile') },
    name: 'meta.interpolation.variable.dockerfile',
    patterns: [
      { match: String.raw`\G(?::[-+?]|[-+?]|##?|%%?)`, name: 'keyword.operator.expansion.dockerfile' },
      // `${VAR:#...}` and `${VAR:%...}`: "unsupported modifier"
      { match: String.raw`\G:[^-+?}]?`, name: 'invalid.illegal.expansion.dockerfile' },
      shared('comment'),
      ref('line-continuation'),
      ref('variables'),
      ref('escape'),
    ],
  };

  // ---- strings -----------------------------------------------------------
  r['string-double'] = {
    begin: '"',
    beginCaptures: { 0: name('punctuation.definition.string.begin.dockerfile') },
    end: String.raw`(")|${END}`,
    endCaptures: { 1: name('punctuation.definition.string.end.dockerfile') },
    name: 'string.quoted.double.dockerfile',
    patterns: [
      shared('comment'),
      ref('line-continuation'),
      { match: String.raw`${E}[${E}"$]`, name: 'constant.character.escape.dockerfile' },
      ref('variables'),
    ],
  };
  r['string-single'] = {
    // Single quotes stop variable expansion and escapes.
    begin: "'",
    beginCaptures: { 0: name('punctuation.definition.string.begin.dockerfile') },
    end: String.raw`(')|${END}`,
    endCaptures: { 1: name('punctuation.definition.string.end.dockerfile') },
    name: 'string.quoted.single.dockerfile',
    patterns: [shared('comment'), ref('line-continuation')],
  };

  // Words of an instruction whose arguments the builder expands.
  r.args = {
    patterns: [
      shared('comment'),
      ref('line-continuation'),
      ref('string-double'),
      ref('string-single'),
      ref('variables'),
      ref('escape'),
    ],
  };

  // ---- exec form (JSON array) -------------------------------------------
  const jsonString = (vars) => ({
    begin: '"',
    beginCaptures: { 0: name('punctuation.definition.string.begin.dockerfile') },
    end: String.raw`(")|${END}`,
    endCaptures: { 1: name('punctuation.definition.string.end.dockerfile') },
    name: 'string.quoted.double.dockerfile',
    patterns: [
      ref('line-continuation'),
      { match: String.raw`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: 'constant.character.escape.dockerfile' },
      { match: String.raw`\\.`, name: 'invalid.illegal.escape.dockerfile' },
      ...(vars ? [ref('variables')] : []),
    ],
  });
  const execForm = (str) => ({
    // BuildKit tries JSON only when the arguments start with `[`; anything
    // that is not a JSON array of strings falls back to shell form (or is
    // an error for non-string elements), so only `[` followed by `"` or `]`
    // is taken as exec form here.
    begin: String.raw`(\[)(?=[ \t]*(?:"|\]|${E}[ \t]*$))`,
    beginCaptures: { 1: name('punctuation.definition.array.begin.dockerfile') },
    end: String.raw`(\])|${END}`,
    endCaptures: { 1: name('punctuation.definition.array.end.dockerfile') },
    name: 'meta.array.exec-form.dockerfile',
    patterns: [
      shared('comment'),
      ref('line-continuation'),
      ref(str),
      { match: ',', name: 'punctuation.separator.array.dockerfile' },
      { match: String.raw`[^\s,\]"]+`, name: 'invalid.illegal.exec-form-element.dockerfile' },
    ],
  });
  // RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK exec form: no variable expansion.
  r['json-string'] = jsonString(false);
  r['exec-form'] = execForm('json-string');
  // ADD/COPY/VOLUME exec form: the builder expands variables.
  r['json-string-vars'] = jsonString(true);
  r['exec-form-vars'] = execForm('json-string-vars');

  // ---- flags -------------------------------------------------------------
  r.flags = {
    // Leading `--name[=value]` words right after the instruction keyword,
    // possibly spread over continuation lines; a bare `--` ends them.
    begin: String.raw`(?:\G[ \t]+|^[ \t]*)(?=--[A-Za-z]|--(?=\s))`,
    end: String.raw`(?=[ \t]*(?!--[A-Za-z]|--(?=\s)|${E}[ \t]*$)[^ \t\n])(?!^[ \t]*#)|(?<=(?:^|[ \t])--)(?=\s)|${END}`,
    patterns: [
      shared('comment'),
      ref('line-continuation'),
      { match: String.raw`(?<![^\s])--(?=\s|$)`, name: 'keyword.operator.end-of-options.dockerfile' },
      ref('flag'),
    ],
  };
  r.flag = {
    patterns: [
      {
        // COPY --from=<stage index | stage name | image>; never expanded.
        match: flag('from', String.raw`(?:(\d+)|([A-Za-z][A-Za-z0-9_.-]*)|(${FLAG_VALUE}))?`),
        name: 'meta.flag.dockerfile',
        captures: {
          ...flagCaptures,
          4: name('constant.numeric.integer.stage-index.dockerfile'),
          5: name('entity.name.type.stage.dockerfile'),
          6: { patterns: [ref('from-flag-image')] },
        },
      },
      {
        match: flag('mount', `(${FLAG_VALUE})?`),
        name: 'meta.flag.dockerfile',
        captures: { ...flagCaptures, 4: { patterns: [ref('mount-options')] } },
      },
      {
        match: flag('chown', `(${FLAG_VALUE})?`),
        name: 'meta.flag.dockerfile',
        captures: { ...flagCaptures, 4: { patterns: [ref('user-group')] } },
      },
      {
        match: flag('chmod', String.raw`(?:([0-7]{3,4})(?=\s|$)|(${FLAG_VALUE}))?`),
        name: 'meta.flag.dockerfile',
        captures: {
          ...flagCaptures,
          4: name('constant.numeric.integer.octal.dockerfile'),
          5: { name: 'string.unquoted.flag-value.dockerfile', patterns: [ref('flag-value')] },
        },
      },
      {
        // HEALTHCHECK durations
        match: flag('(?:interval|timeout|start-period|start-interval)', `(${FLAG_VALUE})?`),
        name: 'meta.flag.dockerfile',
        captures: {
          ...flagCaptures,
          4: {
            patterns: [
              {
                match: String.raw`\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))*`,
                name: 'constant.numeric.duration.dockerfile',
              },
              ref('flag-value'),
            ],
          },
        },
      },
      {
        match: flag('retries', String.raw`(?:(\d+)(?=\s|$)|(${FLAG_VALUE}))?`),
        name: 'meta.flag.dockerfile',
        captures: {
          ...flagCaptures,
          4: name('constant.numeric.integer.dockerfile'),
          5: { patterns: [ref('flag-value')] },
        },
      },
      {
        match: flag('[A-Za-z][A-Za-z0-9-]*', '(true|false)'),
        name: 'meta.flag.dockerfile',
        captures: { ...flagCaptures, 4: name('constant.language.boolean.dockerfile') },
      },
      {
        match: String.raw`(?<![^\s])((--)[A-Za-z][A-Za-z0-9-]*)(?:(=)(${FLAG_VALUE})?)?(?=\s|$)`,
        name: 'meta.flag.dockerfile',
        captures: {
          ...flagCaptures,
          4: { name: 'string.unquoted.flag-value.dockerfile', patterns: [ref('flag-value')] },
        },
      },
    ],
  };
  r['flag-value'] = {
    patterns: [ref('string-double'), ref('string-single'), ref('variables'), ref('escape')],
  };
  r['from-flag-image'] = {
    patterns: [
      {
        // "variable expansion is not supported for --from"
        match: String.raw`\$(?:\{[^}\s]*\}?|[A-Za-z0-9_]+)`,
        name: 'invalid.illegal.variable.dockerfile',
      },
      { match: IMAGE_REF, captures: imageCaptures(0) },
    ],
  };
  r['mount-options'] = {
    patterns: [
      {
        match: String.raw`(?<=--mount=|,)([A-Za-z][A-Za-z0-9_-]*)(?:(=)|(?=,|$))`,
        captures: {
          1: name('entity.other.attribute-name.mount-option.dockerfile'),
          2: name('keyword.operator.assignment.dockerfile'),
        },
      },
      { match: ',', name: 'punctuation.separator.comma.dockerfile' },
      ref('flag-value'),
    ],
  };
  r['user-group'] = {
    match: USER_GROUP,
    captures: userGroupCaptures(0),
  };

  // ---- heredocs ----------------------------------------------------------
  // A word `^(\d*)<<(-?)(delimiter)$` in RUN, COPY or ADD (not `<<<`, not
  // quoted as a whole). The body ends at a line equal to the delimiter;
  // with `<<-` leading tabs are allowed first. Several heredocs may share a
  // line: TextMate cannot track a queue of delimiters, so such a line opens
  // one region that ends at the *last* heredoc's terminator (the earlier
  // terminators are shown as body text).
  const LATER_HEREDOC = String.raw`[ \t]\d*<<-?["']?[^\s"'<]`;
  /**
   * @param {'script'|'data'} body  shell script body or plain text body
   * @param {'q'|'u'} quoting        quoted delimiter (no expansion) or not
   * @param {boolean} dash           terminator may be tab-indented
   * @param {boolean} multi          more heredocs follow on the line
   * @param {string} prefix          regex for group 1 (text before `<<`)
   * @param {object} prefixPatterns  patterns for group 1
   * @param {object[]} restPatterns  patterns for the rest of the line
   */
  const heredoc = (body, quoting, dash, multi, prefix, prefixPatterns, restPatterns) => {
    const delim = quoting === 'q'
      ? String.raw`(["'])([^"'\n]+)(\4)`
      : String.raw`()([^\s"'<]+)()`;
    let op;
    let tail;
    let endGroup;
    if (multi) {
      op = '(<<-?)';
      const lastOp = dash ? '<<-' : '<<(?!-)';
      tail = String.raw`(?=.*[ \t]\d*${lastOp}(["']?)([^\s"'<]+)\7(?=\s|$)(?!.*${LATER_HEREDOC}))`;
      endGroup = 8;
    } else {
      op = dash ? '(<<-)' : '(<<)(?!-)';
      tail = `(?!.*${LATER_HEREDOC})`;
      endGroup = 5;
    }
    const restGroup = multi ? 9 : 7;
    const bodyPatterns = body === 'script'
      ? [{ begin: '^', while: String.raw`^(?!\t*\S+$)`, patterns: [{ include: 'source.shell' }] }]
      : quoting === 'u' ? [ref('variables')] : [];
    return {
      begin: `${prefix}(\\d*)${op}${delim}(?=\\s|$)${tail}(.*)`,
      beginCaptures: {
        1: prefixPatterns,
        2: name('constant.numeric.integer.file-descriptor.dockerfile'),
        3: name('keyword.operator.heredoc.dockerfile'),
        4: name('punctuation.definition.string.begin.dockerfile'),
        5: name('entity.name.tag.heredoc.dockerfile'),
        6: name('punctuation.definition.string.end.dockerfile'),
        [restGroup]: { patterns: restPatterns },
      },
      end: dash ? `^(\\t*)(\\${endGroup})$` : `^(\\${endGroup})$`,
      endCaptures: dash
        ? { 2: name('entity.name.tag.heredoc.dockerfile') }
        : { 1: name('entity.name.tag.heredoc.dockerfile') },
      name: 'meta.heredoc.dockerfile',
      contentName: body === 'script' ? 'meta.embedded.block.shell' : 'string.unquoted.heredoc.dockerfile',
      patterns: bodyPatterns,
    };
  };
  const heredocSet = (key, body, prefix, prefixPatterns, restPatterns) => {
    const keys = [];
    for (const multi of [true, false]) {
      for (const quoting of ['q', 'u']) {
        for (const dash of [true, false]) {
          const k = `${key}-${multi ? 'multi' : 'single'}-${quoting === 'q' ? 'quoted' : 'unquoted'}-${dash ? 'dash' : 'nodash'}`;
          r[k + sfx] = heredoc(body, quoting, dash, multi, prefix, prefixPatterns, restPatterns);
          keys.push(ref(k));
        }
      }
    }
    r[key + sfx] = { patterns: keys };
  };
  // Shell text inside a capture (tokenized on its own): statements may
  // start anywhere in it.
  const SHELL_TEXT = [{ include: 'source.shell' }, { include: 'source.shell#typical_statements' }];
  r['heredoc-marker'] = {
    // further heredocs on the same line (their bodies follow the first one's)
    match: String.raw`(?<=[ \t])(\d*)(<<-?)(["']?)([^\s"'<]+)(\3)(?=\s|$)`,
    captures: {
      1: name('constant.numeric.integer.file-descriptor.dockerfile'),
      2: name('keyword.operator.heredoc.dockerfile'),
      3: name('punctuation.definition.string.begin.dockerfile'),
      4: name('entity.name.tag.heredoc.dockerfile'),
      5: name('punctuation.definition.string.end.dockerfile'),
    },
  };
  const argsRest = [ref('heredoc-marker'), ref('args')];
  // COPY/ADD, and RUN when there is no embedded shell: plain text body.
  heredocSet('heredoc-data', 'data', String.raw`(?<=[ \t])()`, {}, argsRest);
  if (shell) {
    const shellRest = [ref('heredoc-marker'), ...SHELL_TEXT];
    // `RUN <<EOF` / `RUN bash -e <<EOF`: the body is the script.
    heredocSet(
      'heredoc-script', 'script',
      String.raw`\G((?:(?:/usr)?/bin/)?(?:ba|da|a|z|k)?sh(?:[ \t]+-[A-Za-z]+)*[ \t]+|)`,
      { patterns: SHELL_TEXT },
      shellRest,
    );
    // `RUN cat <<EOF > /file`: the body is data for a command. The text
    // before `<<` is matched here too so the shell grammar cannot swallow
    // the heredoc operator.
    heredocSet(
      'heredoc-command', 'data',
      String.raw`((?:[^"'\n${E}]|${E}.|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')*?)(?<=[ \t])`,
      { patterns: SHELL_TEXT },
      shellRest,
    );
  }

  // ---- shell form ----------------------------------------------------------
  // Shell text is handed to the bash grammar one physical line at a time,
  // inside captures, so nothing the bash grammar opens (an if-block after
  // `; \`, an unbalanced quote, ...) can run past the instruction. What a
  // line needs to know from the line before is carried in the rule stack:
  // each line that ends in a continuation opens a rule (ended by the
  // instruction's end) whose patterns tokenize the next line in one of four
  // states:
  //   cmd   a command starts here (after `&&`, `;`, `|`, `then`, `do`, ...)
  //   args  the previous command's arguments go on
  //   dq    inside a double-quoted string
  //   sq    inside a single-quoted string
  if (shell) {
    const NOT_CONT = String.raw`\\(?![ \t]*$).`; // an escape, not the line continuation
    const DQ_BODY = String.raw`(?:[^"\\\n]|${NOT_CONT})*`;
    const SQ_BODY = String.raw`(?:[^'\\\n]|\\(?![ \t]*$))*`;
    const UNIT = String.raw`(?:[^"'\\\n#]|${NOT_CONT}|"${DQ_BODY}"|'${SQ_BODY}'|(?<![^ \t])#(?:[^\\\n]|${NOT_CONT})*|#)`;
    const TEXT = `(${UNIT}*)`;
    const OP_BEFORE = String.raw`(?:&&|\|\||[;|&({!]|(?:^|[ \t;&|(])(?:then|do|else|elif))[ \t]*`;
    const CONT = String.raw`(\\)[ \t]*$`;
    const NOT_CONTINUED = String.raw`(?<!(?<!\\)\\[ \t]*)(?=\n)`;
    const contCapture = name('constant.character.escape.line-continuation.dockerfile');
    // `command arg \` on the line before: arguments go on here.
    const argsStatement = {
      begin: '^(?=[ \\t]*[^ \\t\\n&;|)}`\\]#])',
      end: '(?=[\\n&);`{|}\\]]|[ \\t]*#)(?<!\\\\)',
      name: 'meta.statement.command.shell',
      patterns: [
        { include: 'source.shell#option' },
        { include: 'source.shell#argument' },
        { include: 'source.shell#string' },
      ],
    };
    const textPatterns = {
      cmd: SHELL_TEXT,
      args: [argsStatement, ...SHELL_TEXT],
    };
    const openString = { patterns: [{ include: 'source.shell#string' }] };
    const closeString = (quote) => ({
      1: {
        name: `string.quoted.${quote === '"' ? 'double' : 'single'}.shell`,
        patterns: quote === '"'
          ? [
            { match: String.raw`\\[\\"$` + '`' + ']', name: 'constant.character.escape.shell' },
            { include: 'source.shell#variable' },
            { include: 'source.shell#interpolation' },
          ]
          : [],
      },
      2: name(`string.quoted.${quote === '"' ? 'double' : 'single'}.shell punctuation.definition.string.end.shell`),
    });
    const lineRules = (state) => {
      // What the line starts with: for dq/sq, the rest of the open string.
      let prefix = '';
      let prefixCaptures = {};
      if (state === 'dq' || state === 'sq') {
        const q = state === 'dq' ? '"' : "'";
        prefix = `^(${state === 'dq' ? DQ_BODY : SQ_BODY})(${q})`;
        prefixCaptures = closeString(q);
      }
      const p = Object.keys(prefixCaptures).length; // groups used by the prefix
      // after a closed string the bash grammar decides what follows
      const text = { patterns: textPatterns[state === 'args' ? 'args' : 'cmd'] };
      const rules = [shared('comment')];
      // a line with nothing but a continuation keeps the state
      rules.push({
        begin: String.raw`^[ \t]*${CONT}`,
        beginCaptures: { 1: contCapture },
        end: END,
        patterns: [ref(`shell-lines-${state}`)],
      });
      if (state === 'dq' || state === 'sq') {
        // the string goes on over the whole line
        const body = state === 'dq' ? DQ_BODY : SQ_BODY;
        rules.push({
          begin: `^(${body})${CONT}`,
          beginCaptures: {
            1: closeString(state === 'dq' ? '"' : "'")[1],
            2: contCapture,
          },
          end: END,
          patterns: [ref(`shell-lines-${state}`)],
        });
      }
      if (state === 'cmd' || state === 'args') rules.push(ref('heredoc-command'));
      const next = {
        cmd: `${TEXT}(?<=${OP_BEFORE})${CONT}`,
        args: `${TEXT}(?<!${OP_BEFORE})${CONT}`,
        dq: `${TEXT}("${DQ_BODY})${CONT}`,
        sq: `${TEXT}('${SQ_BODY})${CONT}`,
      };
      for (const [to, re] of Object.entries(next)) {
        const caps = { ...prefixCaptures, [p + 1]: text };
        if (to === 'dq' || to === 'sq') {
          caps[p + 2] = openString;
          caps[p + 3] = contCapture;
        } else {
          caps[p + 2] = contCapture;
        }
        rules.push({
          begin: prefix + re,
          beginCaptures: caps,
          end: END,
          patterns: [ref(`shell-lines-${to}`)],
        });
      }
      // the last line of the instruction
      if (state === 'dq' || state === 'sq') {
        const body = state === 'dq' ? DQ_BODY : SQ_BODY;
        const q = state === 'dq' ? '"' : "'";
        const c = closeString(q);
        rules.push({
          match: `^(${body})(?:(${q})([^\\n]*))?${NOT_CONTINUED}`,
          captures: { 1: c[1], 2: c[2], 3: { patterns: SHELL_TEXT } },
        });
      } else {
        rules.push({
          match: `([^\\n]*[^ \\t\\n][^\\n]*)${NOT_CONTINUED}`,
          captures: { 1: { patterns: textPatterns[state] } },
        });
      }
      return { patterns: rules };
    };
    for (const state of ['cmd', 'args', 'dq', 'sq']) r[`shell-lines-${state}`] = lineRules(state);
  }
  const shellForm = (heredocs) => (shell
    ? {
      begin: FIRST,
      end: END,
      name: 'meta.embedded.line.shell',
      patterns: [shared('comment'), ...heredocs.map(ref), ref('shell-lines-cmd')],
    }
    : {
      // With `# escape=`` ` (Windows images) the shell is usually cmd or
      // PowerShell: no bash highlighting, only strings and variables.
      begin: FIRST,
      end: END,
      patterns: [...heredocs.map(ref), ref('args')],
    });
  r['shell-form'] = shellForm([]);
  r['shell-form-run'] = shellForm(shell ? ['heredoc-script', 'heredoc-command'] : ['heredoc-data']);

  // ---- per-instruction argument rules ---------------------------------------
  const argsRegion = (patterns, extra = {}) => ({ begin: FIRST, end: END, ...extra, patterns });

  r['copy-args'] = argsRegion([ref('heredoc-data'), ref('args')]);
  r['add-args'] = argsRegion([
    ref('heredoc-data'),
    {
      match: String.raw`(?<![^\s])(?:(?:https?|git|ssh)://|git@)[^\s"']+`,
      name: 'markup.underline.link.dockerfile',
    },
    ref('args'),
  ]);

  r['from-args'] = argsRegion([
    shared('comment'),
    ref('line-continuation'),
    { match: String.raw`\G${IMAGE_REF}(?=\s|$)`, captures: imageCaptures(0) },
    {
      match: String.raw`(?<![^\s])((?i:as))[ \t]+([A-Za-z][A-Za-z0-9_.-]*)(?=\s|$)`,
      captures: {
        1: name('keyword.other.as.dockerfile'),
        2: name('entity.name.type.stage.dockerfile'),
      },
    },
    {
      // stage names must match ^[a-z][a-z0-9-_.]*$ (case-insensitively)
      match: String.raw`(?<![^\s])((?i:as))[ \t]+(?!${E}[ \t]*$)(\S+)`,
      captures: {
        1: name('keyword.other.as.dockerfile'),
        2: name('invalid.illegal.stage-name.dockerfile'),
      },
    },
    { match: String.raw`(?<![^\s])(?i:as)(?=\s|$)`, name: 'keyword.other.as.dockerfile' },
    ref('args'),
  ]);

  const pairs = (keyScope, { quotedKeys = false, bareNames = false } = {}) => argsRegion([
    shared('comment'),
    ref('line-continuation'),
    ...(quotedKeys
      ? [{
        match: String.raw`(?<![^\s])(?:(")([^"\n]*)(")|(')([^'\n]*)('))(=)`,
        captures: {
          1: name('punctuation.definition.string.begin.dockerfile'),
          2: name(keyScope),
          3: name('punctuation.definition.string.end.dockerfile'),
          4: name('punctuation.definition.string.begin.dockerfile'),
          5: name(keyScope),
          6: name('punctuation.definition.string.end.dockerfile'),
          7: name('keyword.operator.assignment.dockerfile'),
        },
      }]
      : []),
    {
      match: bareNames
        ? String.raw`${WORD_START}([^\s="'$${E}]+)(?:(=)|(?=\s|$))`
        : String.raw`${WORD_START}([^\s="'$${E}]+)(=)`,
      captures: { 1: name(keyScope), 2: name('keyword.operator.assignment.dockerfile') },
    },
    ref('string-double'),
    ref('string-single'),
    ref('variables'),
    ref('escape'),
    ...(bareNames
      ? []
      : [{
        // "Syntax error - can't find = in ... Must be of the form: name=value"
        match: String.raw`${WORD_START}(?:[^\s="'$${E}]|${E}.)+(?=\s|$)`,
        name: 'invalid.illegal.missing-assignment.dockerfile',
      }]),
    { match: String.raw`(?:[^\s"'$${E}]|\$(?![{A-Za-z0-9_]))+`, name: 'string.unquoted.value.dockerfile' },
  ]);
  const legacyPair = (keyScope) => ({
    // `ENV KEY rest of the line` (one pair per instruction)
    begin: String.raw`${AT_START}([^\s="'${E}]+)(?=[ \t]|$)`,
    beginCaptures: { 1: name(keyScope) },
    end: END,
    contentName: 'string.unquoted.value.dockerfile',
    patterns: r.args.patterns,
  });
  r['env-legacy'] = legacyPair('variable.other.env.dockerfile');
  r['env-pairs'] = pairs('variable.other.env.dockerfile');
  r['label-legacy'] = legacyPair('entity.other.attribute-name.label.dockerfile');
  r['label-pairs'] = pairs('entity.other.attribute-name.label.dockerfile', { quotedKeys: true });
  r['arg-pairs'] = pairs('variable.parameter.arg.dockerfile', { bareNames: true });

  r['expose-args'] = argsRegion([
    {
      match: String.raw`(?<![^\s])(\d+)(?:(-)(\d+))?(?:(/)(?:((?i:tcp|udp|sctp))|([^\s]*)))?(?=\s|$)`,
      captures: {
        1: name('constant.numeric.integer.port.dockerfile'),
        2: name('punctuation.separator.range.dockerfile'),
        3: name('constant.numeric.integer.port.dockerfile'),
        4: name('punctuation.separator.protocol.dockerfile'),
        5: name('constant.language.protocol.dockerfile'),
        6: name('invalid.illegal.protocol.dockerfile'),
      },
    },
    {
      match: String.raw`(/)((?i:tcp|udp|sctp))(?=\s|$)`,
      captures: {
        1: name('punctuation.separator.protocol.dockerfile'),
        2: name('constant.language.protocol.dockerfile'),
      },
    },
    ref('args'),
  ]);

  r['user-args'] = argsRegion([
    shared('comment'),
    ref('line-continuation'),
    { match: String.raw`\G${USER_GROUP}(?=\s|$)`, captures: userGroupCaptures(0) },
    ref('args'),
  ]);

  r['stopsignal-args'] = argsRegion([
    { match: String.raw`(?<![^\s])(?:SIG[A-Z0-9]+(?:[+-]\d+)?)(?=\s|$)`, name: 'constant.language.signal.dockerfile' },
    { match: String.raw`(?<![^\s])\d+(?=\s|$)`, name: 'constant.numeric.integer.dockerfile' },
    ref('args'),
  ]);

  r['maintainer-args'] = argsRegion(
    [shared('comment'), ref('line-continuation')],
    { name: 'string.unquoted.maintainer.dockerfile' },
  );

  r['healthcheck-none'] = {
    begin: String.raw`((?i:none))(?=\s|$)`,
    beginCaptures: { 1: name('constant.language.none.dockerfile') },
    end: END,
    patterns: [
      shared('comment'),
      ref('line-continuation'),
      // "HEALTHCHECK NONE takes no arguments"
      { match: String.raw`\S+`, name: 'invalid.illegal.argument.dockerfile' },
    ],
  };
  r['healthcheck-cmd'] = {
    begin: String.raw`((?i:cmd))(?=\s|$)`,
    beginCaptures: { 1: name('keyword.other.instruction.dockerfile') },
    end: END,
    patterns: [shared('comment'), ref('line-continuation'), ref('exec-form'), ref('shell-form')],
  };

  // ---- instructions ---------------------------------------------------------
  const common = [shared('comment'), ref('line-continuation')];
  const body = {
    ADD: [ref('flags'), ref('exec-form-vars'), ref('add-args')],
    ARG: [ref('arg-pairs')],
    CMD: [ref('exec-form'), ref('shell-form')],
    COPY: [ref('flags'), ref('exec-form-vars'), ref('copy-args')],
    ENTRYPOINT: [ref('exec-form'), ref('shell-form')],
    ENV: [ref('env-legacy'), ref('env-pairs')],
    EXPOSE: [ref('expose-args')],
    FROM: [ref('flags'), ref('from-args')],
    HEALTHCHECK: [ref('flags'), ref('healthcheck-none'), ref('healthcheck-cmd'), ref('args')],
    LABEL: [ref('label-legacy'), ref('label-pairs')],
    MAINTAINER: [ref('maintainer-args')],
    ONBUILD: [
      {
        // "ONBUILD ONBUILD / FROM / MAINTAINER isn't allowed"
        match: String.raw`(?:\G[ \t]+|^[ \t]*)((?i:ONBUILD|FROM|MAINTAINER))(?=\s|${E}|$)`,
        captures: { 1: name('invalid.illegal.onbuild-trigger.dockerfile') },
      },
      ref('instructions'),
    ],
    RUN: [ref('flags'), ref('exec-form'), ref('shell-form-run')],
    SHELL: [ref('exec-form'), ref('args')],
    STOPSIGNAL: [ref('stopsignal-args')],
    USER: [ref('user-args')],
    VOLUME: [ref('exec-form-vars'), ref('args')],
    WORKDIR: [ref('args')],
  };
  const instructionKeys = [];
  for (const kw of INSTRUCTIONS) {
    const key = `instruction-${kw.toLowerCase()}`;
    r[key + sfx] = {
      begin: String.raw`(?:^[ \t]*|\G[ \t]+)((?i:${kw}))(?=\s|${E}|$)`,
      beginCaptures: { 1: name('keyword.other.instruction.dockerfile') },
      end: END,
      name: `meta.instruction.${kw.toLowerCase()}.dockerfile`,
      patterns: [...common, ...body[kw]],
    };
    instructionKeys.push(ref(key));
  }
  r.instructions = { patterns: instructionKeys };
  r['unknown-instruction'] = {
    // BuildKit: "unknown instruction: X". Kept as one logical line so its
    // continuation lines are not read as instructions.
    begin: String.raw`^[ \t]*(?=[^\s#])`,
    end: END,
    name: 'meta.instruction.unknown.dockerfile',
    patterns: [ref('args')],
  };
  r.statements = {
    patterns: [shared('check-comment'), shared('comment'), ref('instructions'), ref('unknown-instruction')],
  };

  // Keys in `r` were set with and without suffix above; normalise.
  const out = {};
  for (const [k, v] of Object.entries(r)) out[k.endsWith(sfx) && sfx ? k : k + sfx] = v;
  return out;
}

function build() {
  const backslash = modeRules({ sfx: '', E: String.raw`\\`, shell: true });
  const backtick = modeRules({ sfx: '-bt', E: '`', shell: false });
  const repository = {
    directives: {
      // Parser directives: only at the very top of the file; the block ends
      // at the first line that is not a known directive.
      begin: String.raw`\A(?=${DIRECTIVE})`,
      end: String.raw`^(?!${DIRECTIVE})`,
      patterns: [{ include: '#escape-backtick' }, { include: '#directive' }],
    },
    'escape-backtick': {
      // `# escape=`` `: the rest of the file uses the backtick rules.
      begin: String.raw`^([ \t]*)(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*(` + '`' + String.raw`)[ \t]*$`,
      beginCaptures: {
        0: name('meta.preprocessor.directive.dockerfile'),
        2: name('punctuation.definition.directive.dockerfile'),
        3: name('keyword.control.directive.dockerfile'),
        4: name('keyword.operator.assignment.dockerfile'),
        5: name('constant.character.escape.dockerfile'),
      },
      end: '(?!)',
      patterns: [
        {
          // directives that follow the escape directive
          begin: String.raw`\G(?=\n)`,
          end: String.raw`^(?!${DIRECTIVE})`,
          patterns: [{ include: '#directive' }],
        },
        { include: '#statements-bt' },
      ],
    },
    ...sharedRules(),
    ...backslash,
    ...backtick,
  };
  return {
    information_for_contributors: [
      'Generated by build-grammar.mjs in this folder; edit that script, then run `npm run build`.',
    ],
    name: 'Dockerfile',
    scopeName: 'source.dockerfile',
    fileTypes: ['Dockerfile', 'Containerfile', 'dockerfile', 'containerfile'],
    patterns: [{ include: '#directives' }, { include: '#statements' }],
    repository,
  };
}

const text = `${JSON.stringify(build(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing file: stale
  }
  if (current !== text) {
    console.error('dockerfile.tmLanguage.json is out of date: run `npm run build` in syntaxes/');
    process.exit(1);
  }
  console.log('dockerfile.tmLanguage.json is up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}
