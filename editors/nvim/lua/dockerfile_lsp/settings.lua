-- The server's settings object as Neovim sends it.
--
-- Lua has one table type for lists and maps, and an empty table is sent as a
-- JSON list `[]`. The server expects objects, so empty maps are marked with
-- vim.empty_dict() before they are sent (as initializationOptions and as the
-- answer to workspace/configuration).

local M = {}

--- Settings whose value is an object with free-form keys.
local MAP_PATHS = {
  { 'rules' },
  { 'labelSchema' },
  { 'registry', 'buildArgs' },
}

local function is_empty(value)
  return type(value) == 'table' and next(value) == nil
end

--- Deep copy of `settings` (the `dockerfileLsp` object) that encodes as JSON
--- objects where the server expects objects. `nil` gives an empty object.
---@param settings table|nil
---@return table
function M.normalize(settings)
  if settings == nil or settings == vim.NIL or is_empty(settings) then
    return vim.empty_dict()
  end
  local copy = vim.deepcopy(settings)
  for _, path in ipairs(MAP_PATHS) do
    local parent = copy
    for i = 1, #path - 1 do
      parent = type(parent) == 'table' and parent[path[i]] or nil
    end
    local key = path[#path]
    if type(parent) == 'table' and is_empty(parent[key]) then
      parent[key] = vim.empty_dict()
    end
  end
  return copy
end

--- Accepts either the `dockerfileLsp` object itself or a table that wraps it
--- as `{ dockerfileLsp = {...} }` (the shape of Neovim's `settings`).
---@param settings table|nil
---@return table the normalized `dockerfileLsp` object
function M.unwrap(settings)
  if type(settings) == 'table' and settings.dockerfileLsp ~= nil then
    return M.normalize(settings.dockerfileLsp)
  end
  return M.normalize(settings)
end

return M
