"""Token sign-in for API clients: POST username and password, get {"token": …}."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from ansinh.core.web import PUBLIC


class TokenRequest(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenThrottle(AnonRateThrottle):
    rate = "30/min"


class ObtainTokenView(APIView):
    """Đăng nhập lấy token; gửi kèm `Authorization: Token <token>` ở các yêu cầu sau."""

    access = PUBLIC
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenThrottle]

    @extend_schema(request=TokenRequest, responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}))
    def post(self, request):
        payload = TokenRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        user = authenticate(request=request, **payload.validated_data)
        if user is None or not user.is_active:
            raise AuthenticationFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
