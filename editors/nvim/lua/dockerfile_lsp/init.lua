-- dockerfile-lsp for Neovim 0.7 and newer.
--
--   require('dockerfile_lsp').setup({
--     cmd = { 'dockerfile-lsp' },                       -- optional
--     settings = { registry = { enabled = false } },    -- the dockerfileLsp object
--   })
--
-- Starts (or reuses) one server per project root for every buffer whose
-- filetype is `dockerfile`:
--   * Neovim 0.11+: through vim.lsp.config() + vim.lsp.enable() and lsp/dockerfile_lsp.lua;
--   * Neovim 0.8-0.10: vim.lsp.start() from a FileType autocmd;
--   * Neovim 0.7: vim.lsp.start_client() + vim.lsp.buf_attach_client(), one client per root.

local settings_util = require('dockerfile_lsp.settings')

local M = {}

M.name = 'dockerfile_lsp'

M.defaults = {
  cmd = { 'dockerfile-lsp' },
  filetypes = { 'dockerfile' },
  root_markers = { '.git', '.hadolint.yaml', '.dockerignore' },
}

local uv = vim.uv or vim.loop

local function has(feature)
  return vim.fn.has(feature) == 1
end

--- Nearest folder at or above `start` that holds one of `markers`.
---@param start string folder to start from
---@param markers string[]
---@return string|nil
function M.find_root(start, markers)
  local dir = start
  while dir and dir ~= '' do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

--- Root folder for a buffer: the nearest folder with a root marker, else the
--- buffer's own folder, else the current directory.
---@param bufnr integer
---@param markers string[]
---@return string
function M.root_for_buffer(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return vim.fn.getcwd()
  end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  return M.find_root(dir, markers) or dir
end

--- Merges user options over the defaults and works out the settings object.
---@param opts table|nil
---@return table
function M.resolve(opts)
  opts = opts or {}
  local config = vim.tbl_extend('force', {}, M.defaults, opts)
  local server_settings = settings_util.unwrap(opts.settings)
  config.settings = { dockerfileLsp = server_settings }
  if opts.init_options ~= nil then
    config.init_options = vim.tbl_deep_extend('force', vim.deepcopy(server_settings), opts.init_options)
  else
    config.init_options = server_settings
  end
  return config
end

--- The table vim.lsp.start()/start_client() expects, for one root folder.
local function client_config(config, root_dir)
  return {
    name = M.name,
    cmd = config.cmd,
    cmd_env = config.cmd_env,
    root_dir = root_dir,
    workspace_folders = {
      { uri = vim.uri_from_fname(root_dir), name = root_dir },
    },
    settings = config.settings,
    init_options = config.init_options,
    capabilities = config.capabilities,
    handlers = config.handlers,
    on_attach = config.on_attach,
    on_init = config.on_init,
    on_exit = config.on_exit,
    flags = config.flags,
  }
end

local function attachable(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return false
  end
  local buftype = vim.api.nvim_buf_get_option(bufnr, 'buftype')
  return buftype == '' or buftype == 'acwrite' or buftype == 'nofile'
end

-- Neovim 0.7: one client per root, started by hand.
local clients_by_root = {}

local function attach_0_7(config, bufnr)
  local root_dir = M.root_for_buffer(bufnr, config.root_markers)
  local client_id = clients_by_root[root_dir]
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if not client or client.is_stopped() then
    client_id = vim.lsp.start_client(client_config(config, root_dir))
    if not client_id then
      vim.notify('dockerfile-lsp: could not start ' .. table.concat(config.cmd, ' '), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root_dir] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
end

-- Neovim 0.8-0.10: vim.lsp.start() reuses a client with the same name and root.
local function attach_0_8(config, bufnr)
  local root_dir = M.root_for_buffer(bufnr, config.root_markers)
  vim.lsp.start(client_config(config, root_dir), { bufnr = bufnr })
end

local function executable_or_warn(cmd)
  if type(cmd) == 'table' and type(cmd[1]) == 'string' and vim.fn.executable(cmd[1]) == 0 then
    vim.notify(
      ('dockerfile-lsp: "%s" is not executable or not on PATH; see :help or the README to install it'):format(cmd[1]),
      vim.log.levels.WARN
    )
    return false
  end
  return true
end

--- Start dockerfile-lsp for Dockerfile buffers.
---@param opts table|nil { cmd?, settings?, init_options?, root_markers?, filetypes?, capabilities?, on_attach?, handlers?, cmd_env? }
function M.setup(opts)
  local config = M.resolve(opts)

  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    -- 0.11+: the lsp/dockerfile_lsp.lua defaults, overridden by the options given.
    local override = {
      settings = config.settings,
      init_options = config.init_options,
    }
    for _, key in ipairs({ 'cmd', 'cmd_env', 'filetypes', 'root_markers', 'capabilities', 'on_attach', 'on_init', 'on_exit', 'handlers', 'flags' }) do
      if opts and opts[key] ~= nil then
        override[key] = opts[key]
      end
    end
    vim.lsp.config(M.name, override)
    vim.lsp.enable(M.name)
    return
  end

  if not executable_or_warn(config.cmd) then
    return
  end

  local attach = has('nvim-0.8') and attach_0_8 or attach_0_7
  local group = vim.api.nvim_create_augroup('dockerfile_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      if attachable(args.buf) then
        attach(config, args.buf)
      end
    end,
  })

  -- Buffers that were opened before setup() ran (e.g. lazy-loading on filetype).
  local wanted = {}
  for _, ft in ipairs(config.filetypes) do
    wanted[ft] = true
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and wanted[vim.api.nvim_buf_get_option(bufnr, 'filetype')] and attachable(bufnr) then
      attach(config, bufnr)
    end
  end
end

return M
