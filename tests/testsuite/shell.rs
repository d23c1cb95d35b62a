//! `dateline completions <shell>` and `dateline man`: a completion script for each
//! shell and a manual page, made from the command line's own definition.

use std::process::Command;

use crate::helpers::dateline;

const COMMANDS: [&str; 8] = [
    "build",
    "serve",
    "check",
    "new",
    "init",
    "import",
    "completions",
    "man",
];

fn run(args: &[&str]) -> (i32, String, String) {
    let out = dateline().args(args).output().expect("run dateline");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_shell_gets_a_script_that_completes_every_command() {
    // (shell, a line only that shell's script has)
    let shells = [
        ("bash", "complete -F _dateline"),
        ("zsh", "#compdef dateline"),
        ("fish", "complete -c dateline"),
        ("elvish", "set edit:completion:arg-completer[dateline]"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in shells {
        let (code, script, stderr) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(script.contains(marker), "{shell}:\n{script}");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        // Options of the commands too (fish names a long option by `-l`).
        assert!(
            script.contains("--base-url") || script.contains("-l base-url"),
            "{shell}"
        );
    }
    // The bash script is valid bash.
    let (_, script, _) = run(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dateline.bash");
    std::fs::write(&file, script).unwrap();
    let checked = Command::new("bash").arg("-n").arg(&file).status().unwrap();
    assert!(checked.success());
}

#[test]
fn an_unknown_shell_is_a_usage_error_naming_the_shells() {
    let (code, stdout, stderr) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
    assert!(
        stderr.contains("bash, elvish, fish, powershell, zsh"),
        "{stderr}"
    );
}

#[test]
fn the_manual_page_is_roff_for_section_one_listing_every_command() {
    let (code, page, stderr) = run(&["man"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains(".TH dateline 1"), "{page}");
    assert!(page.contains(".SH NAME\ndateline \\- A static site generator for news timelines"));
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!("dateline\\-{command}(1)")),
            "{command}:\n{page}"
        );
    }
}

#[test]
fn each_command_has_a_page_of_its_own() {
    let (code, page, stderr) = run(&["man", "build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains(".TH dateline-build 1"), "{page}");
    assert!(
        page.contains("dateline\\-build \\- Build the site into the output folder"),
        "{page}"
    );
    // Its synopsis is the command as typed, with its options.
    assert!(page.contains("\\fBdateline build\\fR"), "{page}");
    assert!(page.contains("\\-\\-base\\-url"), "{page}");
    let (code, _, stderr) = run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'nope'"), "{stderr}");
}
