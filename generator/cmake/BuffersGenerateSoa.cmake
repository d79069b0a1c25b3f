# buffers_generate_soa(<target> HEADERS <header>... [OUTPUT_DIR <dir>])
# Placeholder until the generator lands.
function(buffers_generate_soa target)
    message(FATAL_ERROR "buffers_generate_soa: the generator is not available yet")
endfunction()
