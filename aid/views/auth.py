"""Optional learner accounts (Flask-Login, hashed passwords, CSRF, rate-limited login)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from ..db import Attempt, Learner, db
from ..security import limiter

bp = Blueprint("auth", __name__, url_prefix="/auth")
login_manager = LoginManager()
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_learner(learner_id: str):
    try:
        return db.session.get(Learner, int(learner_id))
    except (SQLAlchemyError, ValueError):
        return None


class AccountForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[
            DataRequired(),
            Length(3, 40),
            Regexp(r"^[A-Za-z0-9_.-]+$", message="Use letters, digits, dot, dash or underscore."),
        ],
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(8, 200)])


def adopt_anonymous_attempts(learner: Learner) -> None:
    """Attach this browser's anonymous attempts to the learner who just signed in."""
    token = session.get("anon_token")
    if token:
        for attempt in db.session.scalars(
            db.select(Attempt).filter_by(anon_token=token, learner_id=None)
        ):
            attempt.learner_id = learner.id
        db.session.commit()


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def signup():
    """Create an account; anonymous use keeps working without one."""
    form = AccountForm()
    if form.validate_on_submit():
        try:
            if db.session.scalar(db.select(Learner).filter_by(username=form.username.data)):
                form.username.errors.append("That username is taken; choose another.")
            else:
                learner = Learner(
                    username=form.username.data,
                    password_hash=generate_password_hash(form.password.data),
                )
                db.session.add(learner)
                db.session.commit()
                login_user(learner)
                adopt_anonymous_attempts(learner)
                flash("Account created; your progress is now saved to it.", "info")
                return redirect(url_for("cases.progress"))
        except SQLAlchemyError:
            db.session.rollback()
            flash("Could not create the account: the database is unavailable. Try later.", "error")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/form.html", form=form, title="Sign up"), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def login():
    """Sign in with username and password."""
    form = AccountForm()
    if form.validate_on_submit():
        try:
            learner = db.session.scalar(db.select(Learner).filter_by(username=form.username.data))
        except SQLAlchemyError:
            flash("Could not sign in: the database is unavailable. Try later.", "error")
            return render_template("auth/form.html", form=form, title="Sign in"), 503
        if learner and check_password_hash(learner.password_hash, form.password.data):
            login_user(learner)
            adopt_anonymous_attempts(learner)
            return redirect(url_for("cases.progress"))
        form.password.errors.append("Username or password is wrong.")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/form.html", form=form, title="Sign in"), status


@bp.post("/logout")
def logout():
    """Sign out (POST, so it carries a CSRF token)."""
    if current_user.is_authenticated:
        logout_user()
    session.pop("anon_token", None)
    return redirect(url_for("pages.home"))
