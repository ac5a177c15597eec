-- dockerfile-lsp for Neovim 0.11+: with this plugin on 'runtimepath',
--
--   vim.lsp.enable('dockerfile_lsp')
--
-- is all you need. Change settings with
--
--   vim.lsp.config('dockerfile_lsp', {
--     settings = { dockerfileLsp = { registry = { enabled = false } } },
--   })
--
-- The `dockerfileLsp` settings are sent both as initializationOptions and as the
-- answer to the server's workspace/configuration requests.

local function server_settings(config)
  local ok, settings = pcall(require, 'dockerfile_lsp.settings')
  local value = (config.settings or {}).dockerfileLsp
  if ok then
    return settings.normalize(value)
  end
  return value or vim.empty_dict()
end

---@type vim.lsp.Config
return {
  cmd = { 'dockerfile-lsp' },
  filetypes = { 'dockerfile' },
  root_markers = { '.git', '.hadolint.yaml', '.dockerignore' },
  settings = { dockerfileLsp = vim.empty_dict() },
  init_options = vim.empty_dict(),
  before_init = function(params, config)
    -- initializationOptions = settings.dockerfileLsp, with any explicit
    -- init_options on top.
    local options = server_settings(config)
    if config.init_options and next(config.init_options) ~= nil then
      options = vim.tbl_deep_extend('force', options, config.init_options)
    end
    params.initializationOptions = options
    -- What workspace/configuration answers from.
    config.settings = config.settings or {}
    config.settings.dockerfileLsp = options
  end,
}
