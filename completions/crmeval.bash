# bash completion for crmeval (installed as share/bash-completion/completions/crmeval).
# Commands, each command's options, and file names; tests/check_docs.py keeps
# the options in step with `crmeval <command> --help`.
_crmeval()
{
    local cur prev cmd opts
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local i=1
    while [ $i -lt $COMP_CWORD ] && [ "${COMP_WORDS[$i]}" = --data-dir ]; do
        i=$((i + 2))
    done
    if [ $COMP_CWORD -le $i ]; then
        COMPREPLY=($(compgen -W "audit diff evaluate finance history init rfi score sheet simulate status validate weights help --data-dir --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[$i]}
    case $prev in
    --data-dir|-w|--workspace|-c|--csv)
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    -l|--language)
        if [ "$cmd" = rfi ]; then
            COMPREPLY=($(compgen -W "en zh-CN both" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "en zh-CN" -- "$cur"))
        fi
        return
        ;;
    -f|--format)
        if [ "$cmd" = rfi ]; then
            COMPREPLY=($(compgen -W "xlsx csv yaml" -- "$cur"))
            return
        fi
        ;;
    -o|--output|-P|--write-profile)
        if [ "$cmd" = rfi ]; then
            COMPREPLY=($(compgen -d -- "$cur"))
            return
        fi
        ;;
    -p|--profile)
        if [ "$cmd" = init ]; then
            COMPREPLY=($(compgen -W "sme enterprise finance retail manufacturing services" -- "$cur"))
            return
        fi
        ;;
    -M|--method)
        if [ "$cmd" = simulate ]; then
            COMPREPLY=($(compgen -W "latin_hypercube monte_carlo" -- "$cur"))
            return
        fi
        ;;
    -r|--role)
        COMPREPLY=($(compgen -W "it sales service finance management" -- "$cur"))
        return
        ;;
    esac
    case $cmd in
    audit|diff|history|status) opts="--evaluation --help --max-errors --store --workspace" ;;
    evaluate) opts="--help --json --language --max-errors --pdf --quiet --store --timings --xlsx" ;;
    finance) opts="--csv --help --max-errors --vendor --xlsx" ;;
    init) opts="--help --language --max-errors --profile" ;;
    rfi) opts="--dry-run --evaluation --format --help --import --language --max-errors --missing --output --overwrite --respondent --store --vendor --workspace --write-profile" ;;
    score) opts="--comment --dry-run --evaluation --evaluator --help --import --max-errors --role --store --workspace" ;;
    sheet) opts="--evaluation --evaluator --help --import --max-errors --missing --role --store --workspace" ;;
    simulate) opts="--full-projection --help --json --max-errors --method --seed --threads --trials" ;;
    validate) opts="--criteria --help --max-errors --quiet" ;;
    weights) opts="--help --max-errors --output" ;;
    help) COMPREPLY=($(compgen -W "audit diff evaluate finance history init rfi score sheet simulate status validate weights" -- "$cur")); return ;;
    *) opts="" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _crmeval crmeval
