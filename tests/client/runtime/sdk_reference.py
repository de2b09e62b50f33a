"""huaweicloudsdkcore's signer as the reference the runtime's signer must match (tests only)."""

from __future__ import annotations

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest


def sdk_sign(
    *,
    ak: str,
    sk: str,
    method: str,
    host: str,
    resource_path: str,
    query: list[tuple[str, str]],
    headers: dict[str, str],
    body: bytes,
    project_id: str | None = None,
    security_token: str | None = None,
) -> tuple[str, str, dict[str, str]]:
    """Sign with the SDK; return (Authorization, request URI the SDK sends, final headers).

    ``headers`` must hold ``X-Sdk-Date`` so that the result is deterministic.
    """
    request = SdkRequest(
        method=method,
        schema="https",
        host=host,
        resource_path=resource_path,
        query_params=list(query),
        header_params=dict(headers),
        body=body,
    )
    credentials = BasicCredentials(ak=ak, sk=sk, project_id=project_id)
    if security_token is not None:
        credentials.with_security_token(security_token)
    # The SDK's own entry point: adds X-Project-Id / X-Security-Token, then Signer.sign().
    signed = credentials.sign_request(request)
    return signed.header_params["Authorization"], signed.uri, dict(signed.header_params)
