# Asks the AWS CLI's own botocore which credential provider answers for each profile named on
# the command line (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE from the environment), without
# any network call: assume-role, SSO and web identity credentials are deferred until used.
# Prints {"profile": "assume-role" | "sso" | … | "error:ErrorClass"} as JSON.
import json, sys
sys.path.insert(0, '/usr/lib/python3/dist-packages/awscli')
import botocore.session

out = {}
for name in sys.argv[1:]:
    try:
        creds = botocore.session.Session(profile=name).get_component('credential_provider').load_credentials()
        out[name] = creds.method if creds else None
    except Exception as error:  # the class is what the test compares
        out[name] = 'error:' + type(error).__name__
print(json.dumps(out))
