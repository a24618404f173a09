fubction()
fuawaitubction()
functIon()new
functIon(){}/ y/(){}/ y/