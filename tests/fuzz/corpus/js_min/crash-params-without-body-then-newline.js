function()
function(){}/ y/