-- Filetype detection for Dockerfile names that some Neovim versions do not
-- know: *.dockerfile, *.Dockerfile, Dockerfile.*, Containerfile, Containerfile.*
-- (Neovim 0.7 lacks *.dockerfile, for example). Names the editor already
-- detects keep the filetype it gives them.

if vim.g.did_dockerfile_lsp_ftdetect then
  return
end
vim.g.did_dockerfile_lsp_ftdetect = true

local function tail_matches(path, lua_pattern)
  return vim.fn.fnamemodify(path, ':t'):match(lua_pattern) ~= nil
end

local function filetype_lua_in_use()
  -- 0.8+ detects filetypes in Lua unless the user opted out; 0.7 only with g:do_filetype_lua.
  if vim.fn.has('nvim-0.8') == 1 then
    return vim.g.do_legacy_filetype == nil
  end
  return vim.g.do_filetype_lua == 1 and vim.g.did_load_filetypes == 0
end

if vim.filetype ~= nil and vim.filetype.add ~= nil then
  vim.filetype.add({
    extension = {
      dockerfile = 'dockerfile',
      Dockerfile = 'dockerfile',
    },
    filename = {
      Dockerfile = 'dockerfile',
      Containerfile = 'dockerfile',
    },
    pattern = {
      -- The function checks the file name itself, because Neovim anchors these
      -- patterns in some versions and not in others.
      ['.*Dockerfile%..*'] = function(path)
        if tail_matches(path, '^Dockerfile%.') then
          return 'dockerfile'
        end
      end,
      ['.*Containerfile%..*'] = function(path)
        if tail_matches(path, '^Containerfile%.') then
          return 'dockerfile'
        end
      end,
    },
  })
end

if not filetype_lua_in_use() then
  -- Vim-script detection (Neovim 0.7): `setfiletype` leaves a filetype that
  -- was already detected alone.
  vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
    group = vim.api.nvim_create_augroup('dockerfile_lsp_ftdetect', { clear = true }),
    pattern = { '*.dockerfile', '*.Dockerfile', 'Dockerfile', 'Dockerfile.*', 'Containerfile', 'Containerfile.*' },
    command = 'setfiletype dockerfile',
  })
end
