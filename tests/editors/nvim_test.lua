-- Headless Neovim test of the dockerfile-lsp plugin (editors/nvim) against the
-- real server. Run it through tests/editors/run-nvim-tests, which sets up:
--
--   DOCKERFILE_LSP              server executable
--   DOCKERFILE_LSP_NVIM_PLUGIN  editors/nvim (put on 'runtimepath')
--   DOCKERFILE_LSP_TEST_PROJECT a scratch project: .dockerignore + docker/Dockerfile
--   DOCKERFILE_LSP_NVIM_MODE    "setup" (require('dockerfile_lsp').setup),
--                               "enable" (vim.lsp.enable, Neovim 0.11+) or
--                               "start" (setup() forced onto its 0.8-0.10 path)
--   DOCKERFILE_LSP_TEST_TIMEOUT whole run, seconds (default 120)
--   DOCKERFILE_LSP_STEP_TIMEOUT one wait, seconds (default 20)
--
-- Only APIs that exist in both Neovim 0.7.2 and 0.11 are used, or they are
-- feature-detected. Positions are found by searching the buffer's text; the
-- fixture is ASCII, so byte columns equal UTF-16 columns.

local uv = vim.uv or vim.loop

local function getenv(name, default)
  local value = os.getenv(name)
  if value == nil or value == '' then
    return default
  end
  return value
end

local SERVER = getenv('DOCKERFILE_LSP', 'dockerfile-lsp')
local PLUGIN = getenv('DOCKERFILE_LSP_NVIM_PLUGIN')
local PROJECT = getenv('DOCKERFILE_LSP_TEST_PROJECT')
local MODE = getenv('DOCKERFILE_LSP_NVIM_MODE', 'setup')
local TOTAL_MS = (tonumber(getenv('DOCKERFILE_LSP_TEST_TIMEOUT', '120')) or 120) * 1000
local STEP_MS = (tonumber(getenv('DOCKERFILE_LSP_STEP_TIMEOUT', '20')) or 20) * 1000
local CLIENT_NAME = 'dockerfile_lsp'
local SOURCE = 'dockerfile-lsp'

local version = vim.version()
local VERSION = ('%d.%d.%d'):format(version.major, version.minor, version.patch)

---------------------------------------------------------------------------
-- Output, failures, global deadline
---------------------------------------------------------------------------

local function say(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function log_tail(lines)
  local ok, path = pcall(vim.lsp.get_log_path)
  if not ok or not path or vim.fn.filereadable(path) == 0 then
    return
  end
  local content = vim.fn.readfile(path)
  if #content == 0 then
    return
  end
  say(('--- last lines of %s ---'):format(path))
  for i = math.max(1, #content - lines + 1), #content do
    say('  ' .. content[i])
  end
  say('--- end of log ---')
end

-- A uv timer fires even while a step is blocked in vim.wait.
local deadline = uv.new_timer()
deadline:start(TOTAL_MS, 0, function()
  io.stderr:write(
    ('FAIL: nvim %s (%s): the whole run took longer than %d s; the server or a request hangs. '
      .. 'Raise DOCKERFILE_LSP_TEST_TIMEOUT if the machine is just slow.\n'):format(VERSION, MODE, TOTAL_MS / 1000)
  )
  io.stderr:flush()
  os.exit(3)
end)

--- Failure with a message meant for people (no stack trace).
local function fail(fmt, ...)
  error({ message = fmt:format(...) }, 0)
end

local function check(condition, fmt, ...)
  if not condition then
    fail(fmt, ...)
  end
end

local passed, failed = 0, 0

local function step(name, fn)
  local ok, err = xpcall(fn, function(e)
    if type(e) == 'table' and e.message then
      return e.message
    end
    return debug.traceback(tostring(e), 2)
  end)
  if ok then
    passed = passed + 1
    say(('ok   %s'):format(name))
  else
    failed = failed + 1
    say(('FAIL %s: %s'):format(name, err))
  end
  return ok
end

local function inspect(value)
  return vim.inspect(value, { newline = ' ', indent = '' })
end

local json_encode = (vim.json and vim.json.encode) or vim.fn.json_encode

---------------------------------------------------------------------------
-- LSP helpers
---------------------------------------------------------------------------

local pushed = { count = 0, by_file = {} } -- publishDiagnostics, raw LSP form
local config_answers = {} -- what we answered to workspace/configuration

local function uri_key(uri)
  local ok, fname = pcall(vim.uri_to_fname, uri)
  if not ok then
    return uri
  end
  return uv.fs_realpath(fname) or fname
end

local handlers = {
  ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri then
      pushed.count = pushed.count + 1
      pushed.by_file[uri_key(result.uri)] = result.diagnostics or {}
    end
    return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
  end,
  ['workspace/configuration'] = function(err, result, ctx, config)
    local answer = vim.lsp.handlers['workspace/configuration'](err, result, ctx, config)
    table.insert(config_answers, { params = result, answer = answer })
    return answer
  end,
}

local exits = {} -- how server processes ended: { code, signal }

local function on_exit(code, signal)
  table.insert(exits, { code = code, signal = signal })
end

local function clients_for(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = CLIENT_NAME })
  end
  local found = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == CLIENT_NAME and vim.lsp.buf_is_attached(bufnr, client.id) then
      table.insert(found, client)
    end
  end
  return found
end

local function all_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = CLIENT_NAME })
  end
  local found = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == CLIENT_NAME then
      table.insert(found, client)
    end
  end
  return found
end

local function wait_for(what, timeout, condition)
  local ok = vim.wait(timeout or STEP_MS, condition, 50)
  check(ok, 'timed out after %d ms waiting for %s', timeout or STEP_MS, what)
end

local CAPABILITY = {
  ['textDocument/hover'] = 'hoverProvider',
  ['textDocument/completion'] = 'completionProvider',
  ['textDocument/codeAction'] = 'codeActionProvider',
  ['textDocument/formatting'] = 'documentFormattingProvider',
  ['textDocument/rename'] = 'renameProvider',
  ['textDocument/prepareRename'] = 'renameProvider',
  ['textDocument/diagnostic'] = 'diagnosticProvider',
}

local function capability(client, method)
  local key = CAPABILITY[method]
  local caps = client.server_capabilities or {}
  return key and caps[key]
end

--- One request to our client for `bufnr`; returns its result (may be nil).
local function request(client, bufnr, method, params)
  if CAPABILITY[method] then
    check(capability(client, method), 'the server does not advertise %s (needed for %s)', CAPABILITY[method], method)
  end
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, STEP_MS)
  check(responses ~= nil, '%s: no answer within %d ms (%s)', method, STEP_MS, tostring(err))
  local response = responses[client.id]
  check(response ~= nil, '%s: the server did not answer (answers: %s)', method, inspect(responses))
  local rpc_error = response.err or response.error
  check(rpc_error == nil, '%s failed: %s', method, inspect(rpc_error))
  return response.result
end

local function text_document(bufnr)
  return { uri = vim.uri_from_bufnr(bufnr) }
end

local function position_params(bufnr, line, character)
  return { textDocument = text_document(bufnr), position = { line = line, character = character } }
end

--- 0-based line and 0-based byte column of the first match of a Lua pattern.
local function find(bufnr, pattern, what)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:find(pattern)
    if col then
      return i - 1, col - 1, line
    end
  end
  fail('the buffer has no line matching %q (%s); was the fixture changed?', pattern, what or pattern)
end

local function buffer_lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

--- Applies LSP text edits to a scratch copy of `lines` and returns the result.
local function apply_to_copy(lines, edits, encoding)
  local scratch = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(scratch, 0, -1, false, lines)
  vim.lsp.util.apply_text_edits(edits, scratch, encoding)
  local result = vim.api.nvim_buf_get_lines(scratch, 0, -1, false)
  vim.api.nvim_buf_delete(scratch, { force = true })
  return result
end

--- The edits a WorkspaceEdit makes to `uri`.
local function edits_for(workspace_edit, uri)
  local want = uri_key(uri)
  local edits = {}
  for edit_uri, list in pairs(workspace_edit.changes or {}) do
    if uri_key(edit_uri) == want then
      vim.list_extend(edits, list)
    end
  end
  for _, change in ipairs(workspace_edit.documentChanges or {}) do
    if change.textDocument and uri_key(change.textDocument.uri) == want then
      vim.list_extend(edits, change.edits or {})
    end
  end
  return edits
end

--- Hover contents as plain text, whatever form the server used.
local function hover_text(contents)
  if type(contents) == 'string' then
    return contents
  end
  if type(contents) ~= 'table' then
    return ''
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, hover_text(part))
  end
  return table.concat(parts, '\n')
end

--- Dockerfile text reduced to what formatting must not change: instructions
--- joined across continuation lines, keywords upper-cased, runs of blanks as one
--- space, blank lines dropped, comments kept.
local function meaning(lines)
  local joined, current = {}, nil
  for _, line in ipairs(lines) do
    local trimmed = line:gsub('^%s+', ''):gsub('%s+$', '')
    if current then
      current = current .. ' ' .. trimmed
    elseif trimmed ~= '' then
      current = trimmed
    end
    if current then
      if current:sub(1, 1) ~= '#' and current:sub(-1) == '\\' then
        current = current:sub(1, -2)
      else
        table.insert(joined, current)
        current = nil
      end
    end
  end
  if current then
    table.insert(joined, current)
  end
  local result = {}
  for _, instruction in ipairs(joined) do
    local normalized = instruction:gsub('%s+', ' ')
    if normalized:sub(1, 1) ~= '#' then
      normalized = normalized:gsub('^(%S+)', string.upper)
    end
    table.insert(result, normalized)
  end
  return result
end

---------------------------------------------------------------------------
-- The run
---------------------------------------------------------------------------

say(('nvim %s, mode %s, server %s'):format(VERSION, MODE, SERVER))

if not PLUGIN or not PROJECT then
  say('FAIL: DOCKERFILE_LSP_NVIM_PLUGIN and DOCKERFILE_LSP_TEST_PROJECT must be set (use tests/editors/run-nvim-tests)')
  os.exit(2)
end

vim.opt.runtimepath:prepend(PLUGIN)
vim.o.swapfile = false
vim.o.shada = ''
pcall(vim.lsp.set_log_level, 'WARN')
vim.cmd('filetype on')
if not vim.g.did_dockerfile_lsp_ftdetect then
  -- Filetype detection was already on before the plugin joined 'runtimepath'.
  vim.cmd('runtime! ftdetect/dockerfile_lsp.lua')
end

local settings = { registry = { enabled = false } } -- tests never reach the internet
local dockerfile = PROJECT .. '/docker/Dockerfile'
local bufnr, client

step('filetype detection', function()
  local expected = {
    ['Dockerfile'] = 'dockerfile',
    ['Dockerfile.dev'] = 'dockerfile',
    ['api.Dockerfile'] = 'dockerfile',
    ['api.dockerfile'] = 'dockerfile',
    ['Containerfile'] = 'dockerfile',
    ['Containerfile.test'] = 'dockerfile',
    ['myDockerfile.txt'] = 'text',
    ['notes.txt'] = 'text',
  }
  local wrong = {}
  for name, filetype in pairs(expected) do
    vim.cmd('silent edit ' .. vim.fn.fnameescape(PROJECT .. '/ftcheck/' .. name))
    local got = vim.bo.filetype
    vim.cmd('bwipeout!')
    if got ~= filetype then
      table.insert(wrong, ('%s is %q, expected %q'):format(name, got, filetype))
    end
  end
  table.sort(wrong)
  check(#wrong == 0, '%s', table.concat(wrong, '; '))
end)

local started = step('client starts and attaches (' .. MODE .. ')', function()
  if MODE == 'enable' then
    check(vim.lsp.enable ~= nil, 'vim.lsp.enable needs Neovim 0.11+, this is %s', VERSION)
    vim.lsp.config(CLIENT_NAME, {
      cmd = { SERVER },
      settings = { dockerfileLsp = settings },
      handlers = handlers,
      on_exit = on_exit,
    })
    vim.lsp.enable(CLIENT_NAME)
  elseif MODE == 'start' then
    -- The Neovim 0.8-0.10 code path (vim.lsp.start from a FileType autocmd),
    -- exercised on a newer Neovim by hiding vim.lsp.config/enable during setup().
    check(vim.lsp.start ~= nil, 'vim.lsp.start needs Neovim 0.8+, this is %s', VERSION)
    local lsp_config, lsp_enable = vim.lsp.config, vim.lsp.enable
    vim.lsp.config, vim.lsp.enable = nil, nil
    local ok, err = pcall(require('dockerfile_lsp').setup, { cmd = { SERVER }, settings = settings, handlers = handlers, on_exit = on_exit })
    vim.lsp.config, vim.lsp.enable = lsp_config, lsp_enable
    check(ok, 'setup() failed: %s', tostring(err))
  else
    require('dockerfile_lsp').setup({ cmd = { SERVER }, settings = settings, handlers = handlers, on_exit = on_exit })
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(dockerfile))
  bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo.filetype == 'dockerfile', 'filetype of %s is %q', dockerfile, vim.bo.filetype)
  local attached = vim.wait(STEP_MS, function()
    local list = clients_for(bufnr)
    return #exits > 0 or (#list > 0 and list[1].initialized and list[1].server_capabilities ~= nil)
  end, 50)
  if #exits > 0 then
    fail('the server exited (code %s, signal %s) before it initialized; is %s a language server '
      .. 'that speaks LSP on stdio?', tostring(exits[1].code), tostring(exits[1].signal), SERVER)
  end
  check(attached, 'timed out after %d ms waiting for the client to attach and initialize', STEP_MS)
  local list = clients_for(bufnr)
  check(#list == 1, 'expected one dockerfile_lsp client on the buffer, found %d', #list)
  client = list[1]
  local root = client.root_dir or client.config.root_dir
  check(root and uri_key(vim.uri_from_fname(root)) == uri_key(vim.uri_from_fname(PROJECT)),
    'root folder is %s, expected %s (the folder with .dockerignore)', tostring(root), PROJECT)
end)

if not started then
  log_tail(30)
  say(('nvim: %d passed, %d failed'):format(passed, failed + 1))
  say('FAIL: the server never attached, so no feature was tested (skipped steps counted as one failure)')
  os.exit(1)
end

step('settings reach the server as initializationOptions and settings', function()
  local params = {}
  if type(client.config.before_init) == 'function' then
    client.config.before_init(params, {
      settings = vim.deepcopy(client.config.settings),
      init_options = vim.deepcopy(client.config.init_options),
    })
  end
  local init = params.initializationOptions or client.config.init_options
  check(type(init) == 'table' and type(init.registry) == 'table' and init.registry.enabled == false,
    'initializationOptions lack registry.enabled = false: %s', inspect(init))
  check(json_encode(init):sub(1, 1) == '{', 'initializationOptions are not a JSON object: %s', json_encode(init))
  local client_settings = client.settings or client.config.settings
  local section = client_settings and client_settings.dockerfileLsp
  check(section and section.registry and section.registry.enabled == false,
    'settings.dockerfileLsp lacks registry.enabled = false: %s', inspect(client_settings))
  for _, exchange in ipairs(config_answers) do
    for i, item in ipairs(exchange.params.items or {}) do
      if item.section == 'dockerfileLsp' then
        local answer = exchange.answer and exchange.answer[i]
        check(type(answer) == 'table' and answer.registry and answer.registry.enabled == false,
          'workspace/configuration for dockerfileLsp answered %s', inspect(answer))
      end
    end
  end
end)

local uri = vim.uri_from_bufnr(bufnr)
local MAINTAINER = find(bufnr, '^maintainer ', 'the MAINTAINER line')
local WORKDIR = find(bufnr, '^WORKDIR /app', 'the WORKDIR line')

local function current_diagnostics()
  return pushed.by_file[uri_key(uri)]
end

step('diagnostics', function()
  local ok = vim.wait(STEP_MS, function()
    local list = current_diagnostics()
    return list ~= nil and #list > 0
  end, 50)
  if not ok and capability(client, 'textDocument/diagnostic') then
    -- The server did not push; ask (pull diagnostics, LSP 3.17).
    local report = request(client, bufnr, 'textDocument/diagnostic', { textDocument = text_document(bufnr) })
    pushed.by_file[uri_key(uri)] = report and report.items or {}
  end
  local list = current_diagnostics()
  check(list ~= nil, 'no diagnostics were published for %s within %d ms (%d publishDiagnostics for other files)',
    uri, STEP_MS, pushed.count)
  check(#list >= 1, 'the server published an empty diagnostic list for the fixture, which has a MAINTAINER line')
  local ours, on_maintainer, on_workdir = 0, 0, {}
  for _, diagnostic in ipairs(list) do
    if diagnostic.source == SOURCE then
      ours = ours + 1
    end
    if diagnostic.range.start.line == MAINTAINER then
      on_maintainer = on_maintainer + 1
    end
    if diagnostic.range.start.line == WORKDIR then
      table.insert(on_workdir, diagnostic.message)
    end
  end
  check(ours >= 1, 'no diagnostic has source %q: %s', SOURCE, inspect(list))
  check(on_maintainer >= 1, 'no diagnostic on the MAINTAINER line (line %d): %s', MAINTAINER, inspect(list))
  check(#on_workdir == 0, 'unexpected diagnostic on the clean WORKDIR line: %s', table.concat(on_workdir, '; '))
end)

step('hover on the FROM image', function()
  -- Anchored: the fixture's header comment quotes the same text.
  local line, col = find(bufnr, '^FROM python:3%.12%-slim', 'the FROM python line')
  local result = request(client, bufnr, 'textDocument/hover', position_params(bufnr, line, col + #'FROM py'))
  check(result ~= nil and result.contents ~= nil, 'no hover on "python" in the FROM line')
  local text = hover_text(result.contents)
  check(text:lower():find('python', 1, true) ~= nil, 'hover does not mention python: %q', text)
  -- The image explanation, not a keyword's docs: the variant and its trade-offs.
  check(text:find('slim', 1, true) ~= nil and text:find('alpine', 1, true) ~= nil,
    'hover does not explain the slim variant against alpine: %q', text)
end)

step('completion after "FROM python:3.12-"', function()
  local typed = 'FROM python:3.12-'
  local before = buffer_lines(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { typed })
  local line = #before
  local labels, found = {}, nil
  local ok, err = pcall(function()
    local give_up = uv.now() + STEP_MS
    repeat
      local result = request(client, bufnr, 'textDocument/completion', {
        textDocument = text_document(bufnr),
        position = { line = line, character = #typed },
        context = { triggerKind = 1 },
      })
      local items = (result and (result.items or result)) or {}
      labels = {}
      for _, item in ipairs(items) do
        table.insert(labels, item.label)
        local edit = item.textEdit or {}
        for _, text in ipairs({ item.label, item.insertText, edit.newText, item.filterText }) do
          if type(text) == 'string' and (text:sub(1, 5) == '3.12-' or text:sub(1, 12) == 'python:3.12-') then
            found = item.label
          end
        end
      end
      if not found then
        vim.wait(300)
      end
    until found or uv.now() > give_up
  end)
  vim.api.nvim_buf_set_lines(bufnr, line, -1, false, {})
  if not ok then
    error(err, 0)
  end
  check(found, 'no completion item starts with "3.12-"; got %d items: %s', #labels,
    table.concat(vim.list_slice(labels, 1, 20), ', '))
end)

step('code action on the MAINTAINER diagnostic', function()
  local on_line = {}
  wait_for('diagnostics on the MAINTAINER line', STEP_MS, function()
    on_line = {}
    for _, diagnostic in ipairs(current_diagnostics() or {}) do
      if diagnostic.range.start.line == MAINTAINER then
        table.insert(on_line, diagnostic)
      end
    end
    return #on_line > 0
  end)
  local result = request(client, bufnr, 'textDocument/codeAction', {
    textDocument = text_document(bufnr),
    range = on_line[1].range,
    context = { diagnostics = on_line, triggerKind = 1 },
  })
  check(type(result) == 'table' and #result >= 1, 'no code action for %q: %s', on_line[1].message, inspect(result))
  for _, action in ipairs(result) do
    check(type(action.title) == 'string' and action.title ~= '', 'code action without a title: %s', inspect(action))
  end
end)

step('rename the stage "build"', function()
  local line, col = find(bufnr, ' AS build$', 'the stage definition')
  col = col + #' AS '
  local position = position_params(bufnr, line, col + 1)
  if type(capability(client, 'textDocument/rename')) == 'table' and client.server_capabilities.renameProvider.prepareProvider then
    local prepared = request(client, bufnr, 'textDocument/prepareRename', position)
    check(prepared ~= nil, 'prepareRename refused to rename the stage name')
  end
  local params = position_params(bufnr, line, col + 1)
  params.newName = 'builder'
  local result = request(client, bufnr, 'textDocument/rename', params)
  check(type(result) == 'table', 'rename returned no edit')
  local edits = edits_for(result, uri)
  check(#edits > 0, 'rename made no edit to the Dockerfile: %s', inspect(result))
  local before = buffer_lines(bufnr)
  local after = apply_to_copy(before, edits, client.offset_encoding)
  check(#after == #before, 'rename changed the number of lines (%d -> %d)', #before, #after)
  local expected = {}
  for i, text in ipairs(before) do
    expected[i] = text
  end
  local function expect(pattern, replacement)
    local row = find(bufnr, pattern)
    expected[row + 1] = replacement
  end
  expect('^FROM python:3%.12%-slim AS build$', 'FROM python:3.12-slim AS builder')
  expect('^FROM build AS final$', 'FROM builder AS final')
  expect('^COPY %-%-from=build ', 'COPY --from=builder /app /srv/app')
  local problems = {}
  for i = 1, #before do
    if after[i] ~= expected[i] then
      table.insert(problems, ('line %d: got %q, expected %q'):format(i, after[i], expected[i]))
    end
  end
  check(#problems == 0, 'rename must change the stage name in "AS build", "FROM build" and "--from=build" '
    .. 'and nothing else (not the shell word in RUN, not comments): %s', table.concat(problems, '; '))
end)

step('formatting', function()
  local options = { tabSize = 4, insertSpaces = true }
  local before = buffer_lines(bufnr)
  local edits = request(client, bufnr, 'textDocument/formatting', { textDocument = text_document(bufnr), options = options })
  if edits ~= nil and #edits > 0 then
    vim.lsp.util.apply_text_edits(edits, bufnr, client.offset_encoding)
  end
  local after = buffer_lines(bufnr)
  local want, got = meaning(before), meaning(after)
  check(#want == #got, 'formatting changed the number of instructions/comments (%d -> %d):\n%s',
    #want, #got, table.concat(after, '\n'))
  for i = 1, #want do
    check(want[i] == got[i], 'formatting changed an instruction: %q became %q', want[i], got[i])
  end
  for _, text in ipairs(after) do
    local keyword = text:match('^(%a+)%s')
    check(not keyword or keyword == keyword:upper(),
      'keyword %q is not upper case after formatting (format.uppercaseKeywords defaults to true)', keyword or '')
  end
  -- Formatting formatted text changes nothing.
  local again = request(client, bufnr, 'textDocument/formatting', { textDocument = text_document(bufnr), options = options })
  if again ~= nil and #again > 0 then
    local twice = apply_to_copy(after, again, client.offset_encoding)
    check(table.concat(twice, '\n') == table.concat(after, '\n'),
      'formatting is not stable: a second run changed\n%s\ninto\n%s', table.concat(after, '\n'), table.concat(twice, '\n'))
  end
end)

step('a second Dockerfile in the same project shares the client', function()
  local second = PROJECT .. '/Dockerfile.dev'
  vim.fn.writefile({ 'FROM alpine:3.20', 'RUN echo second' }, second)
  vim.cmd('edit ' .. vim.fn.fnameescape(second))
  local other = vim.api.nvim_get_current_buf()
  check(other ~= bufnr, 'the second file opened in the same buffer')
  wait_for('the client to attach to ' .. second, STEP_MS, function()
    return #clients_for(other) > 0
  end)
  local list = clients_for(other)
  check(#list == 1 and list[1].id == client.id, 'the second Dockerfile got another client (%s) instead of %d',
    list[1] and tostring(list[1].id) or 'none', client.id)
  check(#all_clients() == 1, 'expected one dockerfile_lsp client for the project, found %d', #all_clients())
end)

step('server shuts down', function()
  local ids = {}
  for _, c in ipairs(all_clients()) do
    table.insert(ids, c.id)
  end
  vim.lsp.stop_client(ids)
  wait_for('the server to exit after shutdown', 5000, function()
    return #all_clients() == 0
  end)
end)

if failed > 0 then
  log_tail(30)
end
say(('nvim: %d passed, %d failed'):format(passed, failed))
deadline:stop()
os.exit(failed == 0 and 0 or 1)
