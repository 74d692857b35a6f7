# Reads shared config files with the real botocore of Debian's AWS CLI v2 and prints, as JSON,
# what it makes of them, for test/config/botocoreDifferential.test.ts to compare with awscreds.
#
# Run with /usr/bin/python3 (as /usr/bin/aws is). stdin: a JSON list of cases
# {"id": str, "env": {VAR: value}}; the case's env replaces every AWS_* variable and HOME.
# stdout: {id: result}, where result is either {"error": class, "path": file} (botocore refuses
# a file) or {"profiles": {...}, "sso_sessions": {...}, "selected": {...}}.
# With --serve: one such list per stdin line, one result object per stdout line, until stdin
# closes (for a test that needs botocore's answer before it makes the next case).
# Secret values (secret keys, session tokens) are printed as a hash only.
import hashlib
import json
import os
import sys

import awscli  # noqa: F401  (installs the import alias that makes `botocore` the CLI's bundled copy)
import botocore.session
from botocore import credentials as creds
from botocore.exceptions import BotoCoreError

SECRET_KEYS = {'aws_secret_access_key', 'aws_session_token', 'aws_security_token'}


def hide(value):
    return 'sha256:' + hashlib.sha256(value.encode('utf-8')).hexdigest()[:16]


def shown(values):
    out = {}
    for key, value in values.items():
        if isinstance(value, dict):
            out[key] = dict(value)
        elif key in SECRET_KEYS:
            out[key] = hide(value)
        else:
            out[key] = value
    return out


def error_of(exc):
    return {'kind': 'error', 'error': type(exc).__name__, 'message': str(exc)}


def resolve(session, full, name):
    """The credential source botocore's chain picks for a profile, without calling AWS."""
    profile = full['profiles'].get(name, {})
    try:
        # The order of create_credential_resolver: assume-role, then the profile providers
        # (web identity, SSO, credentials file, credential_process, config file).
        if 'role_arn' in profile:
            return {'kind': 'role_arn'}
        sso = creds.SSOProvider(load_config=lambda: full, client_creator=None, profile_name=name)._load_sso_config()
        if sso:
            return {'kind': 'sso', 'sso': sso}
        for source, provider in (
            ('credentials', creds.SharedCredentialProvider(creds_filename=session.get_config_variable('credentials_file'), profile_name=name)),
            ('process', None),
            ('config', creds.ConfigProvider(config_filename=session.get_config_variable('config_file'), profile_name=name)),
        ):
            if source == 'process':
                if 'credential_process' in profile:
                    return {'kind': 'credential_process'}
                continue
            found = provider.load()
            if found is not None:
                return {
                    'kind': 'static',
                    'source': source,
                    'access_key': found.access_key,
                    'secret_key': hide(found.secret_key),
                    'token': hide(found.token) if found.token else None,
                }
        return {'kind': 'none'}
    except BotoCoreError as exc:
        return error_of(exc)
    except (TypeError, AttributeError, ValueError) as exc:
        # botocore crashes on some values, e.g. `sso_session =` followed by an indented block
        # (a dict, used as a dict key): the AWS CLI then gets no credentials either.
        return error_of(exc)


def run_case(case):
    for var in [v for v in os.environ if v.startswith('AWS_') or v == 'HOME']:
        del os.environ[var]
    os.environ.update(case['env'])
    session = botocore.session.Session()
    try:
        full = session.full_config
    except BotoCoreError as exc:
        return {'error': type(exc).__name__, 'path': getattr(exc, 'kwargs', {}).get('path')}
    profiles = {}
    for name, values in full['profiles'].items():
        profiles[name] = {
            'keys': shown(values),
            'region': values.get('region') or None,
            'credentials': resolve(session, full, name),
        }
    selected = {'name': session.get_config_variable('profile')}
    try:
        session.get_scoped_config()
        selected['found'] = True
    except BotoCoreError as exc:
        selected['found'] = False
        selected['error'] = type(exc).__name__
    return {
        'profiles': profiles,
        'sso_sessions': {name: shown(values) for name, values in full.get('sso_sessions', {}).items()},
        'selected': selected,
    }


def main():
    if sys.argv[1:] == ['--serve']:
        for line in sys.stdin:
            results = {case['id']: run_case(case) for case in json.loads(line)}
            sys.stdout.write(json.dumps(results) + '\n')
            sys.stdout.flush()
        return
    cases = json.load(sys.stdin)
    json.dump({case['id']: run_case(case) for case in cases}, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main()
