"""The member account.

A member is known to others only by a handle. Email is private. Deleting an
account anonymises the row in place (see services.delete_account) so that the
member's posts stay in the conversations they belong to, attributed to
"Former member", while nothing that identifies the person remains.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .handles import HANDLE_VALIDATORS

FORMER_MEMBER = "Former member"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, handle, password=None, **extra):
        user = self.model(email=self.normalize_email(email), handle=handle, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, handle, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, handle, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    handle = models.CharField(max_length=30, unique=True, validators=HANDLE_VALIDATORS)
    email = models.EmailField(unique=True, null=True, blank=True)
    about = models.TextField("about me", blank=True, max_length=1000)
    about_html = models.TextField(blank=True, editable=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("handle"), name="handle_unique_ignoring_case")]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """What other members see: the handle, or "Former member" after deletion."""
        return FORMER_MEMBER if self.deleted_at else self.handle

    @property
    def join_month(self) -> str:
        return self.date_joined.strftime("%B %Y")
