# Sourced, not run. Under `npm run`, npm exports every setting of this package's own
# .npmrc to child processes as npm_config_<name> (ignore-scripts=true among them), and a
# nested `npm install` then obeys them. The n8n runtime is a separate project in a cache
# folder: it must be installed with the machine's own npm settings, not this package's.
# Keeps only where the cache is (so a caller's empty or shared cache still applies) and
# how the registry is reached; every other npm_config_* variable is removed.
hr_sync_clean_npm_env() {
  local name keep
  for name in $(compgen -e); do
    case "${name,,}" in
      npm_config_*) ;;
      *) continue ;;
    esac
    keep=0
    case "${name,,}" in
      npm_config_cache | npm_config_registry | npm_config_cafile | npm_config_proxy | \
        npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl | \
        npm_config_userconfig | npm_config_globalconfig) keep=1 ;;
    esac
    [[ $keep == 1 ]] || unset "$name"
  done
}
